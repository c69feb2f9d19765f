import { z } from 'zod';
import type { Role } from './domain/access.js';

/** The roles a provider's claims may grant. Administrators are local accounts only (docs/operations.md). */
export const SSO_ROLES = ['officer', 'leader', 'unit_head', 'clerk', 'staff', 'inspector'] as const satisfies Role[];

const boolean = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

/** Single sign-on (OpenID Connect) settings from the environment; none set means no SSO. */
export const SsoEnv = z.object({
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends the browser back; default PUBLIC_URL + /api/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** The login button's text (`Vietnamese|English`). */
  OIDC_LABEL: z.string().default('Đăng nhập một lần (SSO)|Single sign-on'),
  OIDC_USERNAME_CLAIM: z.string().default('preferred_username'),
  OIDC_NAME_CLAIM: z.string().default('name'),
  OIDC_EMAIL_CLAIM: z.string().default('email'),
  OIDC_UNIT_CLAIM: z.string().default('unit_code'),
  OIDC_ROLES_CLAIM: z.string().default('roles'),
  OIDC_FIELDS_CLAIM: z.string().default('fields'),
  /** The provider's role names → ours, `name=role,…` (default: our own names). */
  OIDC_ROLE_MAP: z.string().optional(),
  /** Create an account for a person the provider vouches for, with a known unit and role. */
  OIDC_PROVISION: boolean('true'),
  /** Who may log in with a password: everyone, or (the default with SSO) administrators only. */
  PASSWORD_LOGIN: z.enum(['all', 'administrators']).optional(),
});

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  label: { vi: string; en: string };
  claims: { username: string; name: string; email: string; unit: string; roles: string; fields: string };
  roleMap: Record<string, (typeof SSO_ROLES)[number]>;
  provision: boolean;
}

/** The parsed settings, or the reasons they do not make sense. */
export function ssoConfig(env: z.infer<typeof SsoEnv>, publicUrl: string): SsoConfig | null | string[] {
  if (!env.OIDC_ISSUER) return env.OIDC_CLIENT_ID ? ['OIDC_CLIENT_ID: set OIDC_ISSUER too'] : null;
  const problems: string[] = [];
  if (!env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  const roleMap: SsoConfig['roleMap'] = Object.fromEntries(SSO_ROLES.map((r) => [r, r]));
  for (const pair of (env.OIDC_ROLE_MAP ?? '').split(',').filter((p) => p.trim())) {
    const [name = '', role = ''] = pair.split('=').map((s) => s.trim());
    if (!name || !(SSO_ROLES as readonly string[]).includes(role))
      problems.push(`OIDC_ROLE_MAP: "${pair}" is not name=role with a role among ${SSO_ROLES.join(', ')}`);
    else roleMap[name] = role as SsoConfig['roleMap'][string];
  }
  if (problems.length) return problems;
  const [vi = '', en = vi] = env.OIDC_LABEL.split('|');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl.replace(/\/$/, '')}/api/auth/oidc/callback`,
    scopes: env.OIDC_SCOPES,
    label: { vi, en },
    claims: {
      username: env.OIDC_USERNAME_CLAIM,
      name: env.OIDC_NAME_CLAIM,
      email: env.OIDC_EMAIL_CLAIM,
      unit: env.OIDC_UNIT_CLAIM,
      roles: env.OIDC_ROLES_CLAIM,
      fields: env.OIDC_FIELDS_CLAIM,
    },
    roleMap,
    provision: env.OIDC_PROVISION,
  };
}
