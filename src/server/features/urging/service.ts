import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { letterDocx, letterPdf } from './documents.js';
import {
  draftLetter,
  editLetter,
  layoutOf,
  listLetters,
  loadLetter,
  presentLetter,
  type LetterEdit,
} from './letters.js';
import { issueLetter } from './issue.js';

/** Urging letters (văn bản đôn đốc): the use cases the routes call. */
export const urging = {
  draft: async (ctx: AppContext, p: Principal, input: { unitId?: number | null }) =>
    presentLetter(await loadLetter(ctx, p, await draftLetter(ctx, p, input))),
  get: async (ctx: AppContext, p: Principal, id: number) => presentLetter(await loadLetter(ctx, p, id)),
  list: (ctx: AppContext, p: Principal) => listLetters(ctx, p),
  edit: async (ctx: AppContext, p: Principal, id: number, e: LetterEdit) => {
    await editLetter(ctx, p, id, e);
    return presentLetter(await loadLetter(ctx, p, id));
  },
  issue: async (ctx: AppContext, p: Principal, id: number, version: number) => {
    await issueLetter(ctx, p, id, version);
    return presentLetter(await loadLetter(ctx, p, id));
  },
  docx: async (ctx: AppContext, p: Principal, id: number) => letterDocx(layoutOf(await loadLetter(ctx, p, id))),
  pdf: async (ctx: AppContext, p: Principal, id: number) => letterPdf(layoutOf(await loadLetter(ctx, p, id))),
};
