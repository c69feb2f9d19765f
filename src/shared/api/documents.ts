import { z } from 'zod';
import { Day, Id, UnitRef, page } from './common.js';
import { TaskSummary } from './tasks.js';

/** Answers of the document routes (features/documents/routes.ts), read by the web app (web/api/documents.ts). */

export const DirectiveDocument = z.object({
  id: Id,
  numberSymbol: z.string(),
  kind: z.string(),
  issuedOn: Day,
  signer: z.string().nullable(),
  summary: z.string(),
  fileId: Id.nullable(),
  version: z.number().int(),
  issuer: UnitRef,
});
export type DirectiveDocument = z.infer<typeof DirectiveDocument>;

/** The document list: each with how many tasks it gives. */
export const DocumentListItem = DirectiveDocument.extend({ taskCount: z.number().int() });
export type DocumentListItem = z.infer<typeof DocumentListItem>;
export const DocumentPage = page(DocumentListItem);
export type DocumentPage = z.infer<typeof DocumentPage>;

export const DocumentDetail = DirectiveDocument.extend({ tasks: z.array(TaskSummary) });
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const AttachedFile = z.object({ fileId: Id });
export type AttachedFile = z.infer<typeof AttachedFile>;
