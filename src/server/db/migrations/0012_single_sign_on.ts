import { sql, type Kysely } from 'kysely';

/**
 * Single sign-on (OpenID Connect, features/auth/oidc.ts).
 * - users.sso_subject: the provider's `sub` of the person, once they signed in that way (a
 *   local account found by its username gets linked on first sign-in); sso_managed: the
 *   account was created from the provider's claims, so its unit and roles follow them.
 * - sessions.sso_id_token: the ID token of a session opened through the provider, sent back
 *   on logout so the provider ends its own session too.
 * - sso_logins: sign-ins begun and not yet finished (state, PKCE verifier, nonce), keyed by a
 *   random value kept in the browser's cookie, used once, for ten minutes, on any app server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column sso_subject text unique, add column sso_managed boolean not null default false`.execute(
    db,
  );
  await sql`alter table sessions add column sso_id_token text`.execute(db);
  await sql`
create table sso_logins (
  key_hash text primary key,
  state text not null,
  code_verifier text not null,
  nonce text not null,
  redirect_to text not null,
  created_at timestamptz not null default now()
)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sso_logins`.execute(db);
  await sql`alter table sessions drop column sso_id_token`.execute(db);
  await sql`alter table users drop column sso_subject, drop column sso_managed`.execute(db);
}
