import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { AUTHORITIES } from '../exports/official-document.js';
import { getOrganisation, updateOrganisation } from './organisation.js';
import { getStatusRules, updateStatusRules } from './service.js';
import { DOCUMENT_KINDS, listSigners, saveSigner } from './signers.js';

const line = (max: number) => z.string().trim().min(1).max(max);
const OrganisationBody = z.object({
  name: line(300),
  shortName: line(200),
  parentName: z
    .string()
    .trim()
    .max(300)
    .nullable()
    .transform((s) => s || null),
  place: line(100),
});
const SignerBody = z.object({
  documentKind: z.enum(DOCUMENT_KINDS),
  authority: z.enum(AUTHORITIES as [string, ...string[]]).transform((a) => a as (typeof AUTHORITIES)[number]),
  onBehalfOf: z.string().trim().max(200).nullable(),
  title: line(200),
  fullName: line(200),
  isDefault: z.boolean(),
  active: z.boolean(),
});
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const StatusRulesBody = z
  .object({
    extensionCountsAsOnTime: z.boolean().optional(),
    /** Civil Code art. 148: a deadline on a non-working day ends on the next working day ('next_working_day') or stays ('stays'). */
    deadlineOnNonWorkingDay: z.enum(['stays', 'next_working_day']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one rule');

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['settings'];
    // A published setting: every user may read how the statistics count (DESIGN.md §4).
    app.get(
      '/api/settings/status-rules',
      {
        schema: {
          tags,
          summary: 'How the status rules count: completions within an extension, deadlines on non-working days',
        },
      },
      async (request) => {
        principalOf(request);
        return getStatusRules(ctx.db);
      },
    );

    app.put(
      '/api/settings/status-rules',
      { schema: { tags, summary: 'Change the published status rules (admin)', body: StatusRulesBody } },
      async (request) => updateStatusRules(ctx, principalOf(request), request.body),
    );

    // The organisation's name is public: the login page and the portal show it.
    app.get(
      '/api/settings/organisation',
      { schema: { tags, summary: 'The organisation: name, short name, parent body, place (public)' } },
      async () => getOrganisation(ctx.db),
    );
    app.put(
      '/api/settings/organisation',
      { schema: { tags, summary: 'Change the organisation (admin)', body: OrganisationBody } },
      async (request) => updateOrganisation(ctx, principalOf(request), request.body),
    );
    app.get(
      '/api/signers',
      {
        schema: {
          tags,
          summary: 'Configured signers, by kind of document (inactive ones too with all=true, for administrators)',
          querystring: z.object({ kind: z.enum(DOCUMENT_KINDS).optional(), all: z.coerce.boolean().optional() }),
        },
      },
      async (request) => {
        principalOf(request);
        return { items: await listSigners(ctx.db, request.query.kind, request.query.all) };
      },
    );
    app.post(
      '/api/signers',
      { schema: { tags, summary: 'Add a signer (admin)', body: SignerBody } },
      async (request, reply) => reply.status(201).send(await saveSigner(ctx, principalOf(request), null, request.body)),
    );
    app.put(
      '/api/signers/:id',
      { schema: { tags, summary: 'Change a signer (admin)', params: IdParams, body: SignerBody } },
      async (request) => saveSigner(ctx, principalOf(request), request.params.id, request.body),
    );
  };
}
