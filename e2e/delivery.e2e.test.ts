import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { launchBrowser, login } from './support/browser';

/** What the login screen may download in compressed JavaScript (issue 16). */
const LOGIN_SCRIPT_BUDGET = 300 * 1024;

interface Download {
  url: string;
  encodedBytes: number;
  encoding: string | undefined;
  cacheControl: string | undefined;
}

/** Every script the page fetches from now on, with the bytes that crossed the wire. */
function recordScripts(page: Page): Download[] {
  const scripts: Download[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      (async () => {
        await response.finished();
        const sizes = await response.request().sizes();
        const headers = await response.allHeaders();
        scripts.push({
          url: new URL(response.url()).pathname,
          encodedBytes: sizes.responseBodySize,
          encoding: headers['content-encoding'],
          cacheControl: headers['cache-control'],
        });
      })(),
    );
  });
  Object.defineProperty(scripts, 'settled', { value: () => Promise.all(pending) });
  return scripts;
}

const settledDownloads = (scripts: Download[]) => (scripts as unknown as { settled(): Promise<void> }).settled();
const total = (scripts: Download[]) => scripts.reduce((sum, s) => sum + s.encodedBytes, 0);

describe('the web app as delivered', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ historyTasks: 30 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the login screen for at most 300 KB of compressed script, loading the screens behind it on demand', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'vi-VN' });
    const page = await context.newPage();
    const scripts = recordScripts(page);
    await page.goto('/login', { waitUntil: 'networkidle' });
    await page.getByLabel('Tên đăng nhập').waitFor();
    await settledDownloads(scripts);
    const loginScripts = [...scripts];
    const loginBytes = total(loginScripts);
    console.log(`login screen: ${loginScripts.length} scripts, ${(loginBytes / 1024).toFixed(1)} KB compressed`);
    expect(loginScripts.length).toBeGreaterThan(0);
    expect(loginBytes).toBeLessThanOrEqual(LOGIN_SCRIPT_BUDGET);
    for (const script of loginScripts) {
      // The build compresses every asset of 1 KB or more (smaller ones gain nothing).
      if (script.encodedBytes >= 1024) expect(script.encoding, script.url).toBe('br');
      expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
    }

    // The screens behind the login, and the charts, come after it.
    await login(page, 'chuyenvien');
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await settledDownloads(scripts);
    const later = scripts.slice(loginScripts.length);
    expect(later.length).toBeGreaterThan(0);
    expect(total(later)).toBeGreaterThan(100 * 1024);
    await context.close();
  });
});
