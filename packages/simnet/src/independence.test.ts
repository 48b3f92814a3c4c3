// The simulated Internet must not know the classifier's catalog: a world built from the
// catalog's own slugs measures agreement between two tables kept by the same hands.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.dirname(SRC);
/** This file quotes forbidden imports as test data. */
const SELF = fileURLToPath(import.meta.url);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importedSpecifiers(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec) specs.push(spec);
  }
  return specs;
}

/** Why an import would let the catalog or the agents in, or null when it is fine. */
export function forbiddenImport(file: string, specifier: string): string | null {
  if (/^@prospector\/(?!simnet(\/|$))/.test(specifier)) return `${specifier}: another workspace package`;
  if (/catalog|agents/i.test(specifier)) return `${specifier}: names the catalog or the agents`;
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    if (!target.startsWith(SRC + path.sep)) return `${specifier}: outside packages/simnet/src`;
  }
  return null;
}

describe('packages/simnet independence', () => {
  it('imports neither the catalog, the agents nor any other workspace package', () => {
    const offences = sourceFiles(SRC).filter((f) => f !== SELF).flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8')).flatMap((s) => {
        const why = forbiddenImport(file, s);
        return why ? [`${path.relative(PACKAGE, file)}: ${why}`] : [];
      }));
    expect(offences).toEqual([]);
  });

  it('the scan sees the imports it must refuse', () => {
    const file = path.join(SRC, 'x.ts');
    const text = "import type { AnswerColumns } from '@prospector/agents';\nimport { a } from '../../agents/src/catalog/catalog.ts';\nconst c = await import('@prospector/core');\nexport * from './ok.ts';";
    expect(importedSpecifiers(text).map((s) => forbiddenImport(file, s) !== null)).toEqual([true, true, true, false]);
  });

  it('declares no dependency on another workspace package', () => {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}));
    expect(deps.filter((d) => d.startsWith('@prospector/'))).toEqual([]);
  });
});
