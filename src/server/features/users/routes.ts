import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LeaderSummary } from '../../../shared/api/users.js';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import * as users from './service.js';

const ROLES = ['officer', 'leader', 'unit_head', 'clerk', 'staff', 'inspector', 'admin', 'auditor'] as const;
const Id = z.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

// Names are stored composed (NFC), so the diacritic-insensitive search folds them reliably.
const FullName = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .transform((s) => s.normalize('NFC'));
const Email = z.email().max(200).nullish();
const Title = z.string().trim().max(200).nullish();
const Password = z.string().min(8).max(200);
const Username = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, ".", "_" or "-" only');
const RoleGrant = z.object({
  role: z.enum(ROLES),
  scopeUnitId: Id,
  fieldCodes: z.array(z.string().max(50)).max(50).default([]),
});
const Roles = z.array(RoleGrant).max(20);

const UserQuery = z.object({
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: z.string().trim().max(200).optional(),
  includeInactive: boolish.default(false),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
const NewUserBody = z.object({
  username: Username,
  fullName: FullName,
  email: Email,
  title: Title,
  unitId: Id,
  password: Password,
  roles: Roles.default([]),
});
const UserPatchBody = z.object({
  fullName: FullName.optional(),
  email: Email,
  title: Title,
  unitId: Id.optional(),
  active: z.boolean().optional(),
  roles: Roles.optional(),
  password: Password.optional(),
  version: z.number().int().positive(),
});

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reference data'];
    app.get(
      '/api/users',
      {
        schema: {
          tags,
          summary: 'Users: all for administrators, the scope subtree for unit heads and clerks',
          querystring: UserQuery,
        },
      },
      async (request) => users.listUsers(ctx, principalOf(request), request.query),
    );

    app.get(
      '/api/leaders',
      {
        schema: {
          tags,
          summary: 'The active leaders who direct tasks, with the fields they direct (any logged-in user)',
          response: { 200: z.array(LeaderSummary) },
        },
      },
      async (request) => {
        principalOf(request);
        return users.listLeaders(ctx);
      },
    );

    app.get('/api/users/:id', { schema: { tags, summary: 'One user', params: IdParams } }, async (request) =>
      users.getUser(ctx, principalOf(request), request.params.id),
    );

    app.post(
      '/api/users',
      { schema: { tags, summary: 'Create a user with roles (admin)', body: NewUserBody } },
      async (request, reply) => reply.status(201).send(await users.createUser(ctx, principalOf(request), request.body)),
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags,
          summary: 'Change a user, their roles or password (admin)',
          params: IdParams,
          body: UserPatchBody,
        },
      },
      async (request) => users.updateUser(ctx, principalOf(request), request.params.id, request.body),
    );
  };
}
