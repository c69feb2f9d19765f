import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a free local port,
 * for the single sign-on tests: its development login page accepts any login (a person is
 * known by it; `people` gives their claims), consent is implied for our client, and it
 * supports RP-initiated logout.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Everyone who signed out through the provider's logout page. */
  loggedOut: string[];
  close(): Promise<void>;
}

export const SSO_SCOPES = 'openid profile email nhiemvu';

export async function startOidcProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
  people: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'nhiem-vu';
  const clientSecret = 'a-client-secret-for-the-tests-0123456789';
  const loggedOut: string[] = [];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      nhiemvu: ['unit_code', 'roles', 'fields'],
    },
    scopes: ['openid', 'profile', 'email', 'nhiemvu'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, ...(options.people[id] ?? {}) }),
    }),
    // Our own application: the person is not asked to consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const found = ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (found) return ctx.oidc.provider.Grant.find(found);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope(SSO_SCOPES);
      await grant.save();
      return grant;
    },
  });
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => loggedOut.push(String(ctx.oidc.session?.accountId)));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    loggedOut,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's logout confirmation page, with a button named for the tests. */
async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = `<!DOCTYPE html><html><body><h1>Sign out of the city's account?</h1>${form}
    <button form="op.logoutForm" value="yes" name="logout" type="submit">Yes, sign me out</button></body></html>`;
}
