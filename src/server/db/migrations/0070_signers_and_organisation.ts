import { sql, type Kysely } from 'kysely';

/**
 * Official documents (NĐ 30/2020/NĐ-CP):
 * - signers: the people who may sign each kind of document the product issues, with their
 *   signing authority (TM., KT., TL., TUQ., Q. or none), the body they sign for, their title
 *   and name; the officer chooses one when issuing (one is the default per kind).
 * - the organisation the product serves (its name, parent body, place), as a setting: the
 *   name on every document, the portal and the login page comes from it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table signers (
  id serial primary key,
  document_kind text not null check (document_kind in ('urging_letter', 'review', 'briefing', 'inspection_conclusion')),
  authority text not null default '' check (authority in ('', 'TM.', 'KT.', 'TL.', 'TUQ.', 'Q.')),
  on_behalf_of text,
  title text not null,
  full_name text not null,
  is_default boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_by integer references users(id)
)`.execute(db);
  await sql`create unique index signers_one_default on signers (document_kind) where is_default and active`.execute(db);
  await sql`
insert into settings (key, value) values ('organisation', ${JSON.stringify({
    name: 'Ủy ban nhân dân thành phố Hà Nội',
    shortName: 'UBND Thành phố',
    parentName: null,
    place: 'Hà Nội',
  })}::jsonb) on conflict (key) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table signers`.execute(db);
  await sql`delete from settings where key = 'organisation'`.execute(db);
}
