import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import * as acts from './service.js';

const Id = z.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const Code = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-" only');
const SUCCESSOR_KINDS = ['merge', 'split', 'transfer', 'rename'] as const;

const ActBody = z.object({
  numberSymbol: z.string().trim().min(2).max(100),
  signedOn: IsoDateString,
  effectiveOn: IsoDateString,
  title: z.string().trim().min(3).max(500),
  unitChanges: z
    .array(
      z.object({
        unitId: Id,
        change: z.enum(['start', 'end', 'rename']),
        newName: z.string().trim().min(2).max(300).nullish(),
        newCode: Code.nullish(),
      }),
    )
    .max(5000)
    .default([]),
  newUnits: z
    .array(
      z.object({
        code: Code,
        name: z.string().trim().min(2).max(300),
        kind: z.enum(['authority', 'department', 'district', 'ward', 'commune', 'division']),
        parentId: Id.nullable(),
      }),
    )
    .max(1000)
    .optional(),
  successors: z
    .array(
      z
        .object({
          oldUnitId: Id.optional(),
          oldUnitCode: Code.optional(),
          newUnitId: Id.optional(),
          newUnitCode: Code.optional(),
          kind: z.enum(SUCCESSOR_KINDS),
          fieldCodes: z.array(z.string().min(1).max(50)).max(50).optional(),
          isDefault: z.boolean().optional(),
          note: z.string().trim().max(2000).nullish(),
        })
        .refine((s) => s.oldUnitId !== undefined || s.oldUnitCode !== undefined, {
          message: 'oldUnitId or oldUnitCode',
          path: ['oldUnitId'],
        })
        .refine((s) => s.newUnitId !== undefined || s.newUnitCode !== undefined, {
          message: 'newUnitId or newUnitCode',
          path: ['newUnitId'],
        }),
    )
    .max(5000)
    .default([]),
  version: z.number().int().positive().optional(),
});
const ChoicesBody = z.object({
  choices: z
    .array(z.object({ taskId: Id, unitId: Id.nullable() }))
    .min(1)
    .max(10000),
});
const ApplyBody = z.object({ version: z.number().int().positive().optional() });

/** Reorganisation acts (docs/api.md, "Reorganisations"): administrators only. */
export function reorganisationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reorganisations'];
    app.get(
      '/api/reorganisations',
      { schema: { tags, summary: 'Reorganisation acts, latest first' } },
      async (request) => acts.listActs(ctx, principalOf(request)),
    );
    app.post(
      '/api/reorganisations',
      { schema: { tags, summary: 'Prepare a reorganisation act (draft)', body: ActBody } },
      async (request, reply) => reply.status(201).send(await acts.createAct(ctx, principalOf(request), request.body)),
    );
    app.get(
      '/api/reorganisations/:id',
      { schema: { tags, summary: 'One act with its unit changes and successor map', params: IdParams } },
      async (request) => acts.getAct(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/reorganisations/:id',
      { schema: { tags, summary: 'Replace a draft act', params: IdParams, body: ActBody } },
      async (request) => acts.updateAct(ctx, principalOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/reorganisations/:id/preview',
      {
        schema: {
          tags,
          summary: 'What applying the act would do now: moves, users, pending decisions, tasks needing a choice',
          params: IdParams,
        },
      },
      async (request) => acts.previewAct(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/reorganisations/:id/choices',
      {
        schema: {
          tags,
          summary: 'Choose the successor of tasks the rules cannot place',
          params: IdParams,
          body: ChoicesBody,
        },
      },
      async (request) => acts.setChoices(ctx, principalOf(request), request.params.id, request.body.choices),
    );
    app.post(
      '/api/reorganisations/:id/apply',
      {
        schema: {
          tags,
          summary: 'Apply the act on or after its effective date, in one transaction',
          params: IdParams,
          body: ApplyBody,
        },
      },
      async (request) => acts.applyAct(ctx, principalOf(request), request.params.id, request.body.version),
    );
  };
}
