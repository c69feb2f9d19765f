import { sql, type Kysely } from 'kysely';

/**
 * Documents received as edXML packages, their text and files, and corrections of the record.
 * - documents: the package's identity (DocumentId of QCVN 102) unique, so a package received
 *   twice registers once; the sender (for the status messages sent back), place, urgency, the
 *   signer's position, the handling deadline, the document's text (read for tasks), and whether
 *   it was revoked or replaced by a later package.
 * - document_attachments: the files a package carried, by content id, in the package's order.
 * - document_events: what happened to the record (received, updated by the sender, corrected by
 *   an officer, revoked, replaced, tasks added), each with before and after and a reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents
    add column source text not null default 'form',
    add column edxml_document_id text unique,
    add column edxml_sha256 text,
    add column sender_organ_id text,
    add column sender_name text,
    add column place text,
    add column urgency smallint not null default 0,
    add column signer_position text,
    add column due_on date,
    add column body_text text,
    add column status text not null default 'active',
    add constraint documents_status_check check (status in ('active', 'revoked', 'replaced')),
    add constraint documents_source_check check (source in ('form', 'import', 'edxml'))`.execute(db);
  await sql`
create table document_attachments (
  document_id int not null references documents(id),
  file_id int not null references files(id),
  content_id text not null,
  position int not null,
  primary key (document_id, file_id)
)`.execute(db);
  await sql`
create table document_events (
  id serial primary key,
  document_id int not null references documents(id),
  kind text not null,
  actor_user_id int references users(id),
  at timestamptz not null default now(),
  reason text,
  data jsonb not null default '{}'
)`.execute(db);
  await sql`create index document_events_document_idx on document_events (document_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table document_events`.execute(db);
  await sql`drop table document_attachments`.execute(db);
  await sql`alter table documents drop column source, drop column edxml_document_id, drop column edxml_sha256,
    drop column sender_organ_id, drop column sender_name, drop column place, drop column urgency,
    drop column signer_position, drop column due_on, drop column body_text, drop column status`.execute(db);
}
