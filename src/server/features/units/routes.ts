import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import * as units from './service.js';
import { IsoDateString } from '../tasks/schema.js';

const UNIT_KINDS = ['authority', 'department', 'district', 'ward', 'commune', 'division'] as const;
const Id = z.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
// Codes are identifiers that appear in imports and reports: no spaces, no diacritics.
const Code = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-" only');
const Name = z.string().trim().min(2).max(300);

const NewUnitBody = z.object({ code: Code, name: Name, kind: z.enum(UNIT_KINDS), parentId: Id.nullable() });
const UnitPatchBody = z.object({
  code: Code.optional(),
  name: Name.optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  parentId: Id.nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});
const UnitsQuery = z.object({ asOf: IsoDateString.optional() });
const MergeBody = z.object({
  successorId: Id,
  reason: z.string().trim().min(3).max(2000).nullish(),
  version: z.number().int().positive().optional(),
});

export function unitRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reference data'];
    app.get(
      '/api/units',
      {
        schema: {
          tags,
          summary: 'The whole unit tree, ordered by path; with asOf, only the units that existed on that day',
          querystring: UnitsQuery,
        },
      },
      async (request) => {
        principalOf(request);
        return units.listUnits(ctx, request.query.asOf);
      },
    );

    app.get('/api/units/:id', { schema: { tags, summary: 'One unit', params: IdParams } }, async (request) => {
      principalOf(request);
      return units.getUnit(ctx, request.params.id);
    });

    app.post(
      '/api/units',
      { schema: { tags, summary: 'Create a unit (admin)', body: NewUnitBody } },
      async (request, reply) => reply.status(201).send(await units.createUnit(ctx, principalOf(request), request.body)),
    );

    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags,
          summary: 'Rename, move (with its whole subtree), deactivate or reactivate a unit (admin)',
          params: IdParams,
          body: UnitPatchBody,
        },
      },
      async (request) => units.updateUnit(ctx, principalOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/units/:id/merge',
      {
        schema: {
          tags,
          summary:
            'Merge a unit into a successor (admin): open tasks and coordinating roles move, active divisions move under the successor, the unit keeps its history inactive',
          params: IdParams,
          body: MergeBody,
        },
      },
      async (request) => units.mergeUnit(ctx, principalOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/fields',
      { schema: { tags, summary: 'Fields (lĩnh vực) tasks are classified by' } },
      async (request) => {
        principalOf(request);
        return units.listFields(ctx);
      },
    );
  };
}
