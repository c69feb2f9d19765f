import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { inProject } from '../paths.js';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';

// The built web app (npm test builds it before the tests run).
const webRoot = inProject('dist/web');

describe('the built web app, compressed and cached', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let entry: string;

  beforeAll(async () => {
    const html = fs.readFileSync(`${webRoot}/index.html`, 'utf8');
    entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    expect(entry, 'dist/web/index.html names its entry script (run npm run build)').not.toBe('');
    t = await createTestDb({ seed: false });
    app = await buildApp(t, { webRoot });
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const original = () => fs.readFileSync(`${webRoot}${entry}`);

  it('sends a hashed script as brotli, or gzip, or plain, as the browser accepts, cached for a year', async () => {
    const br = await app.inject({ url: entry, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(original())).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(original().length / 2);

    const gz = await app.inject({ url: entry, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(original())).toBe(true);

    const plain = await app.inject({ url: entry, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original())).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the page itself revalidated on every load, on any client route', async () => {
    for (const url of ['/', '/login', '/tasks/12', '/reports?tab=review']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toContain('<div id="root">');
    }
  });

  it('answers 404 for an asset that is not there instead of the page', async () => {
    const res = await app.inject({ url: '/assets/index-0123abcd.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });
});
