import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { personFromClaims } from './sso-claims.js';

const base = { OIDC_ISSUER: 'https://sso.hanoi.gov.vn/realms/staff', OIDC_CLIENT_ID: 'nhiem-vu' };
const sso = (env: Record<string, string> = {}) => loadConfig({ ...base, ...env }).sso!;

describe('reading a person from the provider’s claims', () => {
  it('reads the configured claims, dotted paths included (Keycloak)', () => {
    const config = sso({ OIDC_ROLES_CLAIM: 'realm_access.roles', OIDC_UNIT_CLAIM: 'org.unit' });
    const person = personFromClaims(
      {
        sub: 'f3a1',
        preferred_username: 'vanthu.sxd2',
        name: ' Hoàng Văn B ',
        email: 'b@hanoi.gov.vn',
        org: { unit: 'SXD' },
        realm_access: { roles: ['clerk', 'offline_access', 'staff', 'clerk'] },
      },
      config,
    );
    expect(person).toEqual({
      subject: 'f3a1',
      username: 'vanthu.sxd2',
      fullName: 'Hoàng Văn B',
      email: 'b@hanoi.gov.vn',
      unitCode: 'SXD',
      roles: ['clerk', 'staff'],
      fieldCodes: [],
    });
  });

  it('maps the provider’s role names, multi-word ones too, and never grants administration', () => {
    const config = sso({ OIDC_ROLE_MAP: 'Chuyên viên theo dõi=officer, Thanh tra=inspector' });
    const roles = (value: unknown) => personFromClaims({ sub: 'x', roles: value }, config).roles;
    expect(roles('Chuyên viên theo dõi, Thanh tra')).toEqual(['officer', 'inspector']);
    expect(roles('staff clerk')).toEqual(['staff', 'clerk']);
    expect(roles(['admin', 'Thanh tra', 'constructor', '__proto__', 'toString'])).toEqual(['inspector']);
    expect(roles(undefined)).toEqual([]);
    expect(roles(42)).toEqual([]);
  });

  it('refuses settings that do not make sense, and is off without an issuer', () => {
    expect(loadConfig({}).sso).toBeNull();
    expect(loadConfig({}).passwordLogin).toBe('all');
    expect(loadConfig(base).passwordLogin).toBe('administrators');
    expect(loadConfig({ ...base, PASSWORD_LOGIN: 'all' }).passwordLogin).toBe('all');
    expect(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...base, OIDC_ROLE_MAP: 'Quản trị=admin' })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
    expect(sso().redirectUri).toBe('http://localhost:3000/api/auth/oidc/callback');
    expect(sso({ PUBLIC_URL: 'https://nhiemvu.hanoi.gov.vn/' }).redirectUri).toBe(
      'https://nhiemvu.hanoi.gov.vn/api/auth/oidc/callback',
    );
  });
});
