/**
 * A PostgreSQL cluster of a test's own (initdb, pg_ctl from the installed server), on a free
 * port and a temporary folder, that the test stops, kills and starts again. Run as root, the
 * server's tools run as the `postgres` account (PostgreSQL refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  url(database?: string): string;
  port: number;
  start(): void;
  /** pg_ctl stop -m fast (disconnects clients, clean) or immediate (no checkpoint, like a crash). */
  stop(mode: 'fast' | 'immediate'): void;
  /** SIGKILL to the postmaster (its backends exit when they notice), then waits until all are gone. */
  kill(): Promise<void>;
  running(): boolean;
  createDatabase(name: string): void;
  destroy(): void;
}

export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[], options: { allowFail?: boolean } = {}): string {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && !options.allowFail)
    throw new Error(`${path.basename(bin)} ${args.join(' ')}: ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export async function createPgCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('No PostgreSQL server installed (/usr/lib/postgresql/*/bin)');
  const port = await freePort();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-pg-'));
  const data = path.join(root, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const log = path.join(root, 'server.log');
  const pidFile = path.join(data, 'postmaster.pid');
  const postmasterPid = () => Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const cluster: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
    },
    stop: (mode) => {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    kill: async () => {
      const pid = postmasterPid();
      const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
      process.kill(pid, 'SIGKILL');
      // The backends notice their postmaster's death and exit; a new postmaster refuses to start before.
      for (let i = 0; i < 200 && [pid, ...children].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    },
    running: () => fs.existsSync(pidFile) && alive(postmasterPid()),
    createDatabase: (name) => {
      run(path.join(bin, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-qc',
        `create database ${name}`,
      ]);
    },
    destroy: () => {
      if (cluster.running())
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { allowFail: true });
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
