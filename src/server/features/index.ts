import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { documentRoutes } from './documents/routes.js';
import { fileRoutes } from './files/routes.js';
import { statsRoutes } from './stats/routes.js';
import { taskRoutes } from './tasks/routes.js';
import { unitRoutes } from './units/routes.js';
import { userRoutes } from './users/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { scheduleRoutes } from './calendar/schedule-routes.js';
import { settingsRoutes } from './settings/routes.js';
import { monitoringRoutes } from './reminders/routes.js';
import { reportRoutes } from './reports/routes.js';
import { inspectionRoutes } from './inspections/routes.js';
import { reorganisationRoutes } from './reorganisations/routes.js';

/** Every feature's routes, registered by app.ts. Add a feature here. */
export function featureRoutes(ctx: AppContext): FastifyPluginAsyncZod[] {
  return [
    auditRoutes(ctx),
    authRoutes(ctx),
    documentRoutes(ctx),
    fileRoutes(ctx),
    taskRoutes(ctx),
    statsRoutes(ctx),
    unitRoutes(ctx),
    userRoutes(ctx),
    calendarRoutes(ctx),
    scheduleRoutes(ctx),
    settingsRoutes(ctx),
    inspectionRoutes(ctx),
    reportRoutes(ctx),
    monitoringRoutes(ctx),
    reorganisationRoutes(ctx),
  ];
}
