// Package boundaries, checked by dependency-cruiser over the whole repository with the
// rules in .dependency-cruiser.cjs (no cycles, no deep imports across packages, every npm
// import declared by its own package, no test helpers in shipped code, agents free of
// queue and database code), and, since workspace links resolve to plain paths the tool
// cannot attribute, every @prospector/* import declared by the importing package.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOTS = ['packages', 'apps', 'test', 'bench', 'scripts'];

interface CruiseModule {
  source: string;
  dependencies: { module: string; resolved: string }[];
}
interface CruiseResult {
  modules: CruiseModule[];
  summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

async function cruise(): Promise<CruiseResult> {
  // depcruise exits non-zero on violations; the JSON on stdout says which.
  const out = await run('npx', ['--no-install', 'depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...ROOTS], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(out.stdout) as CruiseResult;
}

/** The package.json that owns a file: packages/x, apps/x, or the root (test, bench, scripts). */
function manifestOf(file: string): { path: string; deps: Set<string> } {
  const m = /^(packages|apps)\/[^/]+\//.exec(file);
  const path = m ? `${m[0]}package.json` : 'package.json';
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  return { path, deps: new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]) };
}

describe('package boundaries', () => {
  it('dependency-cruiser finds no cycle, deep import, undeclared npm dependency or test helper in shipped code', async () => {
    const result = await cruise();
    expect(result.modules.length).toBeGreaterThan(200);
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`);
    expect(violations).toEqual([]);

    const undeclared: string[] = [];
    for (const m of result.modules) {
      for (const d of m.dependencies) {
        const name = /^@prospector\/[a-z]+/.exec(d.module)?.[0];
        if (!name || !/^(packages|apps|test|bench|scripts)\//.test(m.source)) continue;
        const own = JSON.parse(readFileSync(manifestOf(m.source).path, 'utf8')) as { name: string };
        if (own.name !== name && !manifestOf(m.source).deps.has(name)) undeclared.push(`${m.source} imports ${name}, not in ${manifestOf(m.source).path}`);
      }
    }
    expect(undeclared).toEqual([]);
  }, 120_000);
});
