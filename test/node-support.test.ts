import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { inProject } from '../src/server/paths.js';

/**
 * The product supports three Node.js lines (package.json `engines`): this machine's 20 until
 * data centres leave it, and the LTS lines 22 and 24. Every installed package must say it runs
 * on the oldest release of each line we accept, or `npm install` warns and we run on a
 * version its authors do not support.
 */
const pkg = JSON.parse(fs.readFileSync(inProject('package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(inProject('package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
};

describe('supported Node.js versions', () => {
  const range = pkg.engines.node;
  const oldestOfEachLine = range.split('||').map((part) => semver.minVersion(part.trim())!.version);

  it('are 20, 22 and 24 (and later)', () => {
    expect(oldestOfEachLine.map((v) => semver.major(v))).toEqual([20, 22, 24]);
    for (const version of ['20.20.0', '22.13.0', '24.0.0', '26.1.0'])
      expect(semver.satisfies(version, range)).toBe(true);
    expect(semver.satisfies('18.20.0', range)).toBe(false);
    expect(semver.satisfies('21.7.0', range)).toBe(false);
  });

  it('are supported by every installed package', () => {
    const refusing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const wanted = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!where || !wanted) continue;
      for (const version of oldestOfEachLine)
        if (!semver.satisfies(version, wanted))
          refusing.push(`${where}@${entry.version} wants ${wanted}, not ${version}`);
    }
    expect(refusing).toEqual([]);
  });

  it('include the one running the tests', () => {
    expect(semver.satisfies(process.versions.node, range)).toBe(true);
  });
});
