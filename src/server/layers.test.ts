import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of the server's production code (docs/decisions.md, "Layers"). ESLint keeps
 * domain/ pure, routes off the database and the web app off the server (eslint.config.js); this
 * test keeps features apart: one feature uses another only through its public surface.
 */
const PUBLIC_SURFACE = new Set(['service.ts', 'schema.ts']);

/** Imports past another feature's public surface that the code still has: the list only shrinks. */
const KNOWN_CROSSINGS = new Set<string>([
  // Added when the organisation, intake, calendar, security and document features landed together (4/12/2026).
  'src/server/features/documents/service.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/explanations/causes.ts -> src/server/features/tasks/commands.ts',
  'src/server/features/explanations/read.ts -> src/server/features/tasks/commands.ts',
  'src/server/features/explanations/read.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/explanations/requests.ts -> src/server/features/tasks/commands.ts',
  'src/server/features/explanations/requests.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/explanations/requests.ts -> src/server/features/urging/scope.ts',
  'src/server/features/explanations/summary.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/inspections/briefing-documents.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/inspections/briefing-documents.ts -> src/server/features/exports/official-docx.ts',
  'src/server/features/inspections/briefing-documents.ts -> src/server/features/exports/official-pdf.ts',
  'src/server/features/inspections/briefing-documents.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/inspections/briefing.ts -> src/server/features/reports/settings.ts',
  'src/server/features/inspections/briefing.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/portal/public-data.ts -> src/server/features/settings/organisation.ts',
  'src/server/features/reminders/routes.ts -> src/server/features/explanations/routes.ts',
  'src/server/features/reorganisations/apply.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/reports/dossier-routes.ts -> src/server/features/files/routes.ts',
  'src/server/features/reports/export-layout.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/reports/export-layout.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/reports/export-pdf.ts -> src/server/features/exports/official-pdf.ts',
  'src/server/features/reports/export-pdf.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/reports/export-xlsx.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/reports/export-xlsx.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/reports/export.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/reports/routes.ts -> src/server/features/settings/document-issue.ts',
  'src/server/features/reports/snapshots.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/settings/document-issue.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/settings/routes.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/settings/signers.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/urging/documents.ts -> src/server/features/exports/official-document.ts',
  'src/server/features/urging/documents.ts -> src/server/features/exports/official-docx.ts',
  'src/server/features/urging/documents.ts -> src/server/features/exports/official-pdf.ts',
  'src/server/features/urging/letters.ts -> src/server/features/settings/organisation.ts',
  'src/server/features/urging/letters.ts -> src/server/features/settings/signers.ts',
  'src/server/features/urging/letters.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/calendar/recompute.ts -> src/server/features/tasks/corrections.ts',
  'src/server/features/calendar/recompute.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/calendar/schedule-routes.ts -> src/server/features/files/routes.ts',
  'src/server/features/calendar/schedules.ts -> src/server/features/files/table-file.ts',
  'src/server/features/documents/import.ts -> src/server/features/files/table-file.ts',
  'src/server/features/documents/routes.ts -> src/server/features/files/routes.ts',
  'src/server/features/documents/routes.ts -> src/server/features/tasks/list.ts',
  'src/server/features/documents/service.ts -> src/server/features/tasks/create.ts',
  'src/server/features/documents/service.ts -> src/server/features/tasks/list.ts',
  'src/server/features/early-warning/service.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/files/service.ts -> src/server/features/tasks/detail.ts',
  'src/server/features/inspections/conclude.ts -> src/server/features/tasks/create.ts',
  'src/server/features/inspections/routes.ts -> src/server/features/portal/feedback-routes.ts',
  'src/server/features/inspections/routes.ts -> src/server/features/portal/routes.ts',
  'src/server/features/reminders/feeds.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/reminders/routes.ts -> src/server/features/early-warning/routes.ts',
  'src/server/features/reminders/routes.ts -> src/server/features/notifications/routes.ts',
  'src/server/features/reminders/routes.ts -> src/server/features/urging/routes.ts',
  'src/server/features/reports/diff.ts -> src/server/features/auth/queries.ts',
  'src/server/features/reports/dossier-parse.ts -> src/server/features/files/table-file.ts',
  'src/server/features/reports/dossiers.ts -> src/server/features/files/table-file.ts',
  'src/server/features/reports/queries.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/stats/queries.ts -> src/server/features/tasks/queries.ts',
  'src/server/features/units/merge.ts -> src/server/features/tasks/queries.ts',
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) ? [p] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** `[importer, imported]` for every relative import (static, re-export or dynamic) under src/server. */
export function importGraph(root = 'src/server'): [string, string][] {
  return sourceFiles(root).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => (m[1] ?? m[2])!)
      .filter((spec) => spec.startsWith('.'))
      .map((spec): [string, string] => [
        file.split(path.sep).join('/'),
        path
          .normalize(path.join(path.dirname(file), spec))
          .split(path.sep)
          .join('/')
          .replace(/\.js$/, '.ts'),
      ]),
  );
}

const featureOf = (file: string) => file.match(/^src\/server\/features\/([^/]+)\/(.+)$/);

describe('layers', () => {
  const graph = importGraph();

  it('reads the imports it checks', () => {
    expect(graph).toContainEqual(['src/server/features/tasks/routes.ts', 'src/server/features/tasks/list.ts']);
    expect(graph.length).toBeGreaterThan(300);
  });

  it('a feature uses another only through its service or schema', () => {
    const crossings = graph
      .filter(([from, to]) => {
        const a = featureOf(from);
        const b = featureOf(to);
        return a && b && a[1] !== b[1] && !PUBLIC_SURFACE.has(b[2]!);
      })
      .map(([from, to]) => `${from} -> ${to}`);
    expect(crossings.filter((c) => !KNOWN_CROSSINGS.has(c))).toEqual([]);
    expect([...KNOWN_CROSSINGS].filter((c) => !crossings.includes(c))).toEqual([]);
  });

  it('domain/ imports nothing outside itself', () => {
    const outside = graph.filter(
      ([from, to]) => from.startsWith('src/server/domain/') && !to.startsWith('src/server/domain/'),
    );
    expect(outside).toEqual([]);
  });

  it('the shared contract imports nothing of the server', () => {
    const shared = importGraph('src/shared').filter(([, to]) => !to.startsWith('src/shared/'));
    expect(shared).toEqual([]);
  });
});
