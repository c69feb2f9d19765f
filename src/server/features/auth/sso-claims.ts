import { SSO_ROLES, type SsoConfig } from '../../config-sso.js';

export type SsoRole = (typeof SSO_ROLES)[number];

/** What the provider says about a person, read through the configured claim names. */
export interface SsoPerson {
  subject: string;
  username: string | null;
  fullName: string | null;
  email: string | null;
  unitCode: string | null;
  roles: SsoRole[];
  fieldCodes: string[];
}

/**
 * Reads the claims (the ID token's and the userinfo answer's, merged) by the names the
 * configuration gives; a name may be a dotted path (`realm_access.roles`, as Keycloak sends).
 * A list claim may be an array or a string of names separated by spaces or commas. Role names
 * go through OIDC_ROLE_MAP; names it does not know are ignored (an administrator's role is
 * never taken from a provider).
 */
export function personFromClaims(claims: Record<string, unknown>, sso: SsoConfig): SsoPerson {
  const names = sso.claims;
  const mapped = (name: string) => (Object.hasOwn(sso.roleMap, name) ? sso.roleMap[name] : undefined);
  // A role name may have spaces ("Lãnh đạo thành phố"): a string is split on commas, and on
  // spaces only where the part itself is no role name.
  const roles = list(claimAt(claims, names.roles), /,/)
    .flatMap((name) => (mapped(name) ? [name] : name.split(/\s+/)))
    .map(mapped)
    .filter((r): r is SsoRole => r !== undefined);
  return {
    subject: String(claims.sub ?? ''),
    username: text(claimAt(claims, names.username)),
    fullName: text(claimAt(claims, names.name)),
    email: text(claimAt(claims, names.email)),
    unitCode: text(claimAt(claims, names.unit)),
    roles: [...new Set(roles)],
    fieldCodes: [...new Set(list(claimAt(claims, names.fields)))],
  };
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((value, key) => {
    return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }, claims);
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

function list(value: unknown, separator = /[\s,]+/): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== null);
  const one = text(value);
  return one
    ? one
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}
