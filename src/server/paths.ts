import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installation's root folder, found from this file rather than from the working directory,
 * so the server runs the same from any folder (a service manager's) and from either layout:
 * `src/server/paths.ts` (development, tsx) and `dist/server/paths.js` (the build) sit at the
 * same depth.
 */
export const projectRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A path inside the installation (`seed-data/…`, `dist/web`). */
export const inProject = (...parts: string[]): string => path.join(projectRoot, ...parts);
