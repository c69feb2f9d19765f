import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { hasRole } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';
import { principalOf } from '../../http/auth-hook.js';
import { verifyAuditChain } from './service.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  action: z.string().max(80).optional(),
  actorUserId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Days in the city's time (UTC+7), both included. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];
    app.get(
      '/api/audit',
      { schema: { tags, summary: 'The audit log (newest first), optionally for one record', querystring: AuditQuery } },
      async (request) => {
        const p = principalOf(request);
        if (!hasRole(p, 'admin', 'officer', 'inspector', 'auditor')) throw notAllowed();
        const { entity, entityId, action, actorUserId, from, to, limit, before } = request.query;
        let qb = ctx.db
          .selectFrom('audit_log as a')
          .leftJoin('users as u', 'u.id', 'a.actor_user_id')
          .select([
            'a.id',
            'a.at',
            'a.action',
            'a.entity',
            'a.entity_id',
            'a.data',
            'a.hash',
            'a.seq',
            'u.id as actor_id',
            'u.full_name as actor_name',
          ]);
        if (entity) qb = qb.where('a.entity', '=', entity);
        if (entityId) qb = qb.where('a.entity_id', '=', entityId);
        if (action) qb = qb.where('a.action', '=', action);
        if (actorUserId) qb = qb.where('a.actor_user_id', '=', actorUserId);
        if (from) qb = qb.where('a.at', '>=', new Date(`${from}T00:00:00+07:00`));
        if (to) qb = qb.where('a.at', '<', new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000));
        if (before) qb = qb.where('a.id', '<', before);
        const rows = await qb.orderBy('a.id', 'desc').limit(limit).execute();
        return rows.map((r) => ({
          id: r.id,
          at: r.at,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          data: r.data,
          hash: r.hash,
          /** The row's place in the chain; null for a moment after its change, until the sequencer chains it. */
          seq: r.seq,
          actor: r.actor_id ? { id: r.actor_id, fullName: r.actor_name } : null,
        }));
      },
    );

    app.get(
      '/api/audit/actions',
      { schema: { tags, summary: 'The kinds of change the log holds (for the filter)' } },
      async (request) => {
        if (!hasRole(principalOf(request), 'admin', 'officer', 'inspector', 'auditor')) throw notAllowed();
        const rows = await ctx.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
        return rows.map((r) => r.action);
      },
    );

    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags,
          summary:
            'Chain what is pending, then recompute the hash chain: detects rows changed or removed after the fact',
        },
      },
      async (request) => {
        if (!hasRole(principalOf(request), 'admin', 'inspector', 'auditor')) throw notAllowed();
        return verifyAuditChain(ctx.db);
      },
    );
  };
}
