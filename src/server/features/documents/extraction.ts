import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { extractTasks } from '../../domain/task-extraction.js';
import { IsoDateString } from '../tasks/schema.js';

export const ExtractBody = z.object({
  text: z.string().min(10).max(200_000),
  issuedOn: IsoDateString,
});

/** The tasks the text gives, as proposals, against the units active now. */
export async function proposeTasks(ctx: AppContext, b: z.infer<typeof ExtractBody>) {
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'kind'])
    .where('active', '=', true)
    .execute();
  const proposals = extractTasks(b.text, b.issuedOn, units);
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    proposals: proposals.map((t) => ({
      ...t,
      leadUnit: t.leadUnitId ? { id: t.leadUnitId, name: byId.get(t.leadUnitId)?.name ?? '' } : null,
    })),
  };
}
