import { z } from 'zod';

/** Schemas of the operations routes: metrics, sign-in providers (single sign-on). */

/** An error answer, as http/error-handler.ts writes it. */
export const OperationsError = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ vi: z.string(), en: z.string() }),
  }),
});

/** Prometheus' text exposition format. */
export const MetricsText = z.string();
