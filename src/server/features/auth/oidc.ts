import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { accountForSsoPerson, type SsoRefusal } from '../users/service.js';
import { openSession } from './service.js';
import { personFromClaims } from './sso-claims.js';

/** Why a sign-in through the provider did not open a session (shown on the login screen). */
export type SsoFailure = SsoRefusal | 'expired' | 'denied' | 'failed' | 'unavailable';

export interface Sso {
  /** Where to send the browser, and the key its cookie keeps until it comes back. */
  begin(redirectTo: string): Promise<{ url: string; key: string }>;
  finish(
    key: string | undefined,
    query: string,
  ): Promise<
    { session: Awaited<ReturnType<typeof openSession>>; redirectTo: string } | { failed: SsoFailure; error?: unknown }
  >;
  /** The provider's logout address for a session it opened, if it has one. */
  endSessionUrl(idToken: string): Promise<string | null>;
}

const PENDING_MINUTES = 10;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * OpenID Connect sign-in (openid-client): authorization code with PKCE, state and nonce, the
 * pending sign-in kept in the database under a key held in the browser's cookie (so it works
 * on any app server, once, and a sign-in begun in one browser cannot be finished in another).
 * The provider's metadata is read on first use and kept; a provider that cannot be reached is
 * tried again on the next sign-in. Claims come from the ID token and the userinfo answer.
 */
export function createSso(ctx: AppContext): Sso | null {
  const sso = ctx.config.sso;
  if (!sso) return null;
  let configuration: Promise<client.Configuration> | null = null;
  const provider = () => {
    configuration ??= discover(sso.issuer, sso.clientId, sso.clientSecret).catch((err: unknown) => {
      configuration = null;
      throw err;
    });
    return configuration;
  };
  return {
    begin: async (redirectTo) => {
      const config = await provider();
      const key = randomBytes(32).toString('base64url');
      const verifier = client.randomPKCECodeVerifier();
      const pending = { state: client.randomState(), nonce: client.randomNonce() };
      await ctx.db
        .deleteFrom('sso_logins')
        .where('created_at', '<', sql<Date>`now() - make_interval(mins => ${PENDING_MINUTES})`)
        .execute();
      await ctx.db
        .insertInto('sso_logins')
        .values({ key_hash: sha256(key), code_verifier: verifier, redirect_to: redirectTo, ...pending })
        .execute();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: sso.redirectUri,
        scope: sso.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        ...pending,
      });
      return { url: url.href, key };
    },
    finish: async (key, query) => {
      const pending = key
        ? await ctx.db
            .deleteFrom('sso_logins')
            .where('key_hash', '=', sha256(key))
            .where('created_at', '>=', sql<Date>`now() - make_interval(mins => ${PENDING_MINUTES})`)
            .returningAll()
            .executeTakeFirst()
        : undefined;
      if (!pending) return { failed: 'expired' };
      if (new URLSearchParams(query).has('error')) return { failed: 'denied' };
      let config: client.Configuration;
      try {
        config = await provider();
      } catch (error) {
        return { failed: 'unavailable', error };
      }
      let claims: Awaited<ReturnType<typeof claimsOf>>;
      try {
        claims = await claimsOf(config, sso.redirectUri, query, pending);
      } catch (error) {
        return { failed: 'failed', error };
      }
      const account = await accountForSsoPerson(ctx, personFromClaims(claims.merged, sso), {
        provision: sso.provision,
      });
      if ('refused' in account) return { failed: account.refused };
      return { session: await openSession(ctx, account.userId, claims.idToken), redirectTo: pending.redirect_to };
    },
    endSessionUrl: async (idToken) => {
      const config = await provider().catch(() => null);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      const back = `${ctx.config.publicUrl.replace(/\/$/, '')}/login`;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: back }).href;
    },
  };
}

async function discover(issuer: string, clientId: string, secret: string | undefined): Promise<client.Configuration> {
  const url = new URL(issuer);
  // Plain HTTP only to a provider on this machine (a test's, a developer's); anything else must be HTTPS.
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) throw new Error(`OIDC_ISSUER must be an https: address, not ${issuer}`);
  return client.discovery(
    url,
    clientId,
    undefined,
    secret ? client.ClientSecretBasic(secret) : client.None(),
    local ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

async function claimsOf(
  config: client.Configuration,
  redirectUri: string,
  query: string,
  pending: { state: string; nonce: string; code_verifier: string },
) {
  const callback = new URL(redirectUri);
  callback.search = query;
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: pending.code_verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  const userinfo =
    config.serverMetadata().userinfo_endpoint && tokens.access_token
      ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {};
  return { merged: { ...userinfo, ...idClaims } as Record<string, unknown>, idToken: tokens.id_token! };
}
