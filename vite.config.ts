import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run dev:web` sends /api (the server of `npm run dev:server` by default). */
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
/**
 * `/api/…` goes to the server, except the dev server's own modules of src/web/api/*.ts (same
 * prefix, since the app is served from src/web).
 */
const apiProxy = { '^/api/(?!.*\\.tsx?(\\?.*)?$)': { target: apiTarget, changeOrigin: false } };

/** The web app lives in src/web; the server serves dist/web at `/` and owns `/api`. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
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
