import { isIP } from 'node:net';
import { z } from 'zod';
import { SsoEnv, ssoConfig, type SsoConfig } from './config-sso.js';

/** Environment → typed configuration, validated once at start. */
const ConfigSchema = SsoEnv.extend({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Nhiệm vụ <no-reply@nhiemvu.local>'),
  /** A session ends this many hours after login, however active (absolute timeout). */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** A session ends after this many minutes without a request (idle timeout). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  /** Behind a reverse proxy that sets X-Forwarded-For: its address (or true). Off by default, so clients cannot pick their own address for rate limits. */
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the JSON log goes: a file path (appended; reopened on SIGHUP) or `stdout`. Default: stdout, except `npm start` (demo): DATA_DIR/logs/server.log. */
  LOG_FILE: z.string().min(1).optional(),
  /** A bearer token that may read GET /metrics (at least 16 characters). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Addresses or networks that may read GET /metrics without the token, comma-separated (`10.0.0.5, 10.1.0.0/16, ::1`). */
  METRICS_ALLOW: z
    .string()
    .optional()
    .transform((v, c) => {
      const list = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((entry) => !isAddressOrNetwork(entry));
      if (bad.length) c.addIssue({ code: 'custom', message: `not an address or network: ${bad.join(', ')}` });
      return list;
    }),
  /** One log line per answered request (on by default). */
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof ConfigSchema> & {
  publicUrl: string;
  /** Single sign-on, when configured (config-sso.ts). */
  sso: SsoConfig | null;
  /** Who may log in with a password (PASSWORD_LOGIN; with SSO, administrators only by default). */
  passwordLogin: 'all' | 'administrators';
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const publicUrl = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  const sso = ssoConfig(c, publicUrl);
  if (Array.isArray(sso)) throw new Error(`Invalid configuration:\n${sso.join('\n')}`);
  return { ...c, publicUrl, sso, passwordLogin: c.PASSWORD_LOGIN ?? (sso ? 'administrators' : 'all') };
}

/** `10.0.0.5`, `::1`, `10.1.0.0/16` or `fd00::/8`. */
export function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
