import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { hasRole } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';
import { principalOf } from '../../http/auth-hook.js';
import { verifyAuditChain } from './service.js';

const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
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
        if (!hasRole(p, 'admin', 'officer', 'inspector')) throw notAllowed();
        const { entity, entityId, limit, before } = request.query;
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
            'u.id as actor_id',
            'u.full_name as actor_name',
          ]);
        if (entity) qb = qb.where('a.entity', '=', entity);
        if (entityId) qb = qb.where('a.entity_id', '=', entityId);
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
          actor: r.actor_id ? { id: r.actor_id, fullName: r.actor_name } : null,
        }));
      },
    );

    app.get(
      '/api/audit/verify',
      { schema: { tags, summary: 'Recompute the hash chain: detects rows changed or removed after the fact' } },
      async (request) => {
        if (!hasRole(principalOf(request), 'admin', 'inspector')) throw notAllowed();
        return verifyAuditChain(ctx.db);
      },
    );
  };
}
