import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = `${repoRoot}dist/web`;
/** Where `npm run dev:web` sends /api (the server of `npm run dev:server` by default). */
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
/**
 * `/api/…` goes to the server, except the dev server's own modules of src/web/api/*.ts (same
 * prefix, since the app is served from src/web).
 */
const apiProxy = { '^/api/(?!.*\\.tsx?(\\?.*)?$)': { target: apiTarget, changeOrigin: false } };

/**
 * Writes `file.br` and `file.gz` beside every text asset once, at build time, at the highest
 * levels (too slow per request), so the server only picks the file the browser accepts
 * (@fastify/static `preCompressed`) and spends no CPU compressing.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt|map)$/;
  return {
    name: 'nhiem-vu-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!compressible.test(file) || file.endsWith('.map')) continue;
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(content, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The web app lives in src/web; the server serves dist/web at `/` and owns `/api`. */
export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: apiProxy,
  },
  preview: {
    proxy: apiProxy,
  },
});
