import { z } from 'zod';
import { IsoDateString, TaskInput } from '../tasks/schema.js';

/** Request shapes of the document routes (the entry form, the API and the file import share them). */
export const DOCUMENT_KINDS = [
  'Nghị quyết',
  'Quyết định',
  'Chỉ thị',
  'Kế hoạch',
  'Thông báo kết luận',
  'Công văn',
  'Thông báo',
  'Văn bản khác',
] as const;

export const DocumentBody = z.object({
  numberSymbol: z.string().trim().min(1).max(100),
  kind: z.enum(DOCUMENT_KINDS),
  issuerUnitId: z.number().int().positive().max(2_147_483_647),
  issuedOn: IsoDateString,
  signer: z.string().trim().max(200).nullish(),
  summary: z.string().trim().min(3).max(5000),
  tasks: z.array(TaskInput).max(500).default([]),
});
