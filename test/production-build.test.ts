import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProject, projectRoot } from '../src/server/paths.js';

/**
 * The build as a data centre runs it: compiled JavaScript (dist/server, made by `npm run build`,
 * which `npm test` runs first) with nothing but the production dependencies installed, from a
 * working directory that is not the installation.
 */
const pkg = JSON.parse(fs.readFileSync(inProject('package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const mainJs = inProject('dist/server/main.js');

/** The modules a compiled file loads: its imports (static and dynamic) and `require`/`require.resolve` calls. */
function specifiersOf(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const [imports] = parse(code);
  const required = [...code.matchAll(/\brequire(?:\.resolve)?\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...imports.map((i) => i.n).filter((n): n is string => typeof n === 'string'), ...required];
}

/** Walks the compiled server from main.js; returns the bare packages it loads and the files it reached. */
function packagesReachedFrom(entry: string): { packages: Map<string, string>; files: number } {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiersOf(file)) {
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        packages.set(name, path.relative(projectRoot, file));
      }
    }
  }
  return { packages, files: seen.size };
}

/** A copy of the installation whose node_modules holds only what `npm ci --omit=dev` installs. */
function productionInstall(dir: string): void {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  // The compiled server (dist/server, dist/shared: everything but the web app, which is only read).
  for (const part of fs.readdirSync(inProject('dist'))) {
    if (part === 'web') fs.symlinkSync(inProject('dist/web'), path.join(dir, 'dist/web'));
    else fs.cpSync(inProject('dist', part), path.join(dir, 'dist', part), { recursive: true });
  }
  fs.cpSync(inProject('seed-data'), path.join(dir, 'seed-data'), { recursive: true });
  fs.cpSync(inProject('assets'), path.join(dir, 'assets'), { recursive: true });
  fs.copyFileSync(inProject('package.json'), path.join(dir, 'package.json'));
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  const topLevel = new RegExp(`^${inProject('node_modules')}/((@[^/]+/)?[^/]+)$`);
  for (const line of listed.split('\n')) {
    const name = topLevel.exec(line.trim())?.[1];
    if (!name) continue;
    const target = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target)) fs.symlinkSync(line.trim(), target);
  }
}

/** Runs a command of the compiled CLI; resolves with its output once `until` matches or it exits. */
function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  until?: RegExp,
): Promise<{ output: string; code: number | null; stop(): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    // An empty value removes the variable (DATABASE_URL: '' runs on PGlite).
    const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== ''));
    const child = spawn(process.execPath, args, { cwd, env: merged, stdio: 'pipe' });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const stop = async () => {
      child.kill('SIGTERM');
      return exited;
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ output, code: null, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    void exited.then((code) => resolve({ output, code, stop }));
  });
}

describe('the production build', () => {
  let tmp: string;

  beforeAll(async () => {
    await init;
    expect(fs.existsSync(mainJs), 'dist/server/main.js exists (npm run build)').toBe(true);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-production-'));
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads no package at run time that is not a production dependency', () => {
    const { packages, files } = packagesReachedFrom(mainJs);
    expect(files).toBeGreaterThan(50);
    const notProduction = [...packages].filter(([name]) => !(name in pkg.dependencies));
    expect(notProduction.map(([name, file]) => `${name} (imported by ${file})`)).toEqual([]);
    // And nothing the build needs only for the web app or the tests rides along as a production dependency.
    for (const devOnly of ['tsx', 'vite', 'typescript', 'vitest', 'react', 'antd', 'echarts', 'smtp-server']) {
      expect(pkg.dependencies, devOnly).not.toHaveProperty(devOnly);
    }
  });

  it('seeds, serves the web app and logs in with production dependencies only, from another folder', async () => {
    const install = path.join(tmp, 'install');
    const elsewhere = path.join(tmp, 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    productionInstall(install);
    const dataDir = path.join(tmp, 'data');
    const env = { DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: '', LOG_FILE: '' };
    const cli = path.join(install, 'dist/server/main.js');

    // What `npm start` runs: migrate, seed the demo (the seed data found from the installation), serve.
    const server = await runCli([cli, 'demo'], env, elsewhere, /running at (http:\/\/\S+)[\s\S]*Log \(info\): \S+/);
    try {
      const url = /running at (http:\/\/\S+)/.exec(server.output)?.[1];
      expect(url, server.output).toBeDefined();
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`${url}/login`);
      expect(await page.text()).toContain('<div id="root">');
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chuyenvien', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
      const units = await fetch(`${url}/api/units`, {
        headers: {
          cookie: login.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; '),
        },
      });
      expect(units.status).toBe(200);
      expect(((await units.json()) as unknown[]).length).toBeGreaterThan(50);
    } finally {
      const code = await server.stop();
      expect(code, server.output).toBe(0);
    }
    expect(server.output).toMatch(/Seeding demo data/);
    // The console is for people; the requests are in the log file, one JSON line each.
    expect(server.output.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    const logged = fs
      .readFileSync(path.join(dataDir, 'logs', 'server.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; route?: string | null; path?: string; status?: number });
    expect(logged.filter((l) => l.msg === 'request').map((l) => [l.route ?? l.path, l.status])).toEqual([
      ['/api/health', 200],
      ['/login', 200],
      ['/api/auth/login', 200],
      ['/api/units', 200],
    ]);
  }, 120_000);
});
