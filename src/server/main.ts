import { buildApp } from './app.js';
import { startScheduler } from './jobs/scheduler.js';
import { loadConfig } from './config.js';
import { systemClock, type AppContext } from './context.js';
import { connect } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { isOperation, runOperation } from './db/backup/commands.js';
import { serveControlSocket } from './db/backup/control-socket.js';
import { createServerLog, demoLogFile } from './logging.js';
import { createMetrics } from './features/metrics/service.js';
import { seedDemo } from './seed/demo.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/organisation.js';

/** One CLI: serve | migrate | seed | demo (seed if empty, then serve) | backup | restore | move-to-postgres. */
async function main(command = 'serve', args: string[] = []): Promise<void> {
  const config = loadConfig();
  if (isOperation(command)) return runOperation(command, args, config);
  const handle = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const ctx: AppContext = {
    db: handle.db,
    preparedDb: handle.preparedDb,
    dbKind: handle.kind,
    listen: handle.listen,
    poolUse: handle.poolUse,
    config,
    clock: systemClock,
  };
  const shutdown = async () => {
    await handle.close();
  };
  try {
    const applied = await migrateToLatest(ctx.db);
    if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
    if (command === 'migrate') return await shutdown();
    if (command === 'seed' || command === 'demo') {
      const empty = (await ctx.db.selectFrom('units').select('id').limit(1).execute()).length === 0;
      if (empty) {
        console.log('Seeding demo data (organisation, 2812/UBND-TKBT, two years of history)…');
        await seedDemo(ctx, { reorganised: true });
      } else if (command === 'seed') {
        console.log('The database already has data; nothing seeded.');
      }
      if (command === 'seed') return await shutdown();
    }
    if (command !== 'serve' && command !== 'demo')
      throw new Error(
        `Unknown command "${command}". Use serve | migrate | seed | demo | backup | restore | move-to-postgres.`,
      );
    await serve(ctx, shutdown, command, handle.dumpDataDir);
  } catch (err) {
    await shutdown();
    throw err;
  }
}

const SHUTDOWN_TIMEOUT_MS = 60_000;

async function serve(
  ctx: AppContext,
  shutdown: () => Promise<void>,
  command: string,
  dumpEmbedded?: () => Promise<Blob>,
): Promise<void> {
  // `npm start` keeps its console for people: the log goes to a file unless LOG_FILE says otherwise.
  const log = createServerLog(ctx.config, command === 'demo' ? demoLogFile(ctx.config) : undefined);
  process.on('SIGHUP', () => log.reopen());
  const metrics = createMetrics(ctx, { processMetrics: true });
  const app = await buildApp(ctx, { logger: log.logger, metrics });
  const scheduler = startScheduler(ctx, {
    log: (message, detail) => app.log.info({ detail }, message),
    onJob: metrics.jobDone,
  });
  // The embedded database's backups are taken by this process (db/backup/control-socket.ts).
  const control = dumpEmbedded
    ? await serveControlSocket(ctx.config.DATA_DIR, dumpEmbedded).catch((err: unknown) => {
        app.log.warn({ err }, 'backups of the running server are unavailable (no control socket)');
        return null;
      })
    : null;
  // Graceful: no new scheduled passes, the running ones finish; the requests in flight (an
  // import) finish while new connections are refused; then the database closes. A stop that
  // hangs past SHUTDOWN_TIMEOUT_MS ends the process anyway (systemd would kill it later).
  const stop = async () => {
    const deadline = setTimeout(() => {
      console.error(`Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting.`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    await scheduler.stop();
    await control?.close();
    await app.close();
    await shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const address = await app.listen({ port: ctx.config.PORT, host: ctx.config.HOST });
  console.log(`\nNhiệm vụ is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${ctx.dbKind})`);
  console.log(`API docs: ${address}/api/docs`);
  console.log(`Log (${ctx.config.LOG_LEVEL}): ${log.target}`);
  console.log(`Demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}\n`);
}

main(process.argv[2], process.argv.slice(3)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
