import path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Level, type Logger } from 'pino';
import type { Config } from './config.js';

/** The server's log: JSON lines (one object per event) where the configuration says. */
export interface ServerLog {
  logger: Logger;
  /** `stdout` or the file's absolute path. */
  target: string;
  /** Opens the file again (after logrotate moved it: SIGHUP). */
  reopen(): void;
}

const LEVELS: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * `LOG_FILE` (or `fallbackFile`, what `npm start` uses) appends to a file, and then warnings
 * and errors also reach the console in one readable line; unset or `stdout`, the lines go to
 * standard output, for a service manager or container runtime to collect. `LOG_LEVEL` filters.
 */
export function createServerLog(config: Config, fallbackFile?: string): ServerLog {
  const level = config.LOG_LEVEL;
  const options = { level, timestamp: pino.stdTimeFunctions.isoTime };
  const file = config.LOG_FILE ?? fallbackFile;
  if (level === 'silent') return { logger: pino({ level }), target: 'none', reopen: () => {} };
  if (!file || file === 'stdout') {
    return { logger: pino(options, pino.destination({ dest: 1, sync: true })), target: 'stdout', reopen: () => {} };
  }
  const target = path.resolve(file);
  const destination = pino.destination({ dest: target, mkdir: true, append: true, sync: true });
  const consoleLevel = LEVELS[Math.max(LEVELS.indexOf(level), LEVELS.indexOf('warn'))]!;
  const logger = pino(
    options,
    pino.multistream([
      { level, stream: destination },
      { level: consoleLevel, stream: consoleLines() },
    ]),
  );
  return { logger, target, reopen: () => destination.reopen() };
}

/** A warning on the console as a person reads it: time, level, message, error. */
function consoleLines(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        const entry = JSON.parse(chunk.toString()) as {
          time?: string;
          level?: number;
          msg?: string;
          err?: { message?: string };
        };
        const name = (pino.levels.labels[entry.level ?? 40] ?? 'warn').toUpperCase();
        const detail = entry.err?.message ? `: ${entry.err.message}` : '';
        process.stderr.write(`${entry.time ?? ''} ${name} ${entry.msg ?? ''}${detail}\n`);
      } catch {
        process.stderr.write(chunk);
      }
      done();
    },
  });
}

/** Where `npm start` (the demo) writes its log: beside its database. */
export const demoLogFile = (config: Config): string => path.join(config.DATA_DIR, 'logs', 'server.log');
