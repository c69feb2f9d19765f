import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the closing line CI reads: `N passed, N failed` (plus skipped, and the files and
 * unhandled errors that failed the run outside any test, so the line never reads green
 * while vitest exits red).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let failedFiles = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed') failedFiles++;
    }
    const parts = [`${passed} passed`, `${failed} failed`];
    if (skipped) parts.push(`${skipped} skipped`);
    if (failedFiles) parts.push(`${failedFiles} failed file${failedFiles > 1 ? 's' : ''}`);
    if (unhandledErrors.length)
      parts.push(`${unhandledErrors.length} unhandled error${unhandledErrors.length > 1 ? 's' : ''}`);
    process.stdout.write(`\n${parts.join(', ')}\n`);
  }
}
