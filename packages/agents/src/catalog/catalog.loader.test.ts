import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { CatalogError, loadCatalog } from './catalog.loader.ts';

const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string, ext = 'json'): string {
  const path = join(dir, `providers-${(n += 1)}.${ext}`);
  writeFileSync(path, content);
  return path;
}
const errorOf = (extraFile: string): string => {
  try {
    loadCatalog({ extraFile });
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('expected loadCatalog to throw');
};

describe('ops provider file', () => {
  it('adds a new provider and overrides fields of a bundled one', () => {
    const path = file(
      JSON.stringify({
        providers: [
          { slug: 'acme-fiber', name: 'Acme Fiber', kinds: ['isp'], accessAsns: [64512], ptrPatterns: ['\\.acmefiber\\.net$'] },
          { slug: 'cox', ptrPatterns: ['\\.coxbiz\\.example$'] },
        ],
      }),
    );
    const catalog = loadCatalog({ extraFile: path });
    expect(catalog.matchAsn(64512)).toMatchObject([{ slug: 'acme-fiber', access: true }]);
    expect(catalog.matchPtr('x.coxbiz.example').map((m) => m.slug)).toEqual(['cox']);
    // Fields the override did not name are kept.
    expect(catalog.matchAsn(22773)).toMatchObject([{ slug: 'cox', access: true }]);
    expect(catalog.get('cox')?.name).toBe('Cox Business');
  });

  it('reads YAML', () => {
    const path = file('- slug: acme-host\n  name: Acme Hosting\n  kinds: [web-host]\n  cname: [acmehost.example]\n', 'yaml');
    expect(loadCatalog({ extraFile: path }).matchCname('www.acmehost.example')[0]?.slug).toBe('acme-host');
  });

  it('names the entry and the field of an unknown kind', () => {
    const message = errorOf(file(JSON.stringify([{ slug: 'acme', name: 'Acme', kinds: ['telco'] }])));
    expect(message).toMatch(/entry #1 \("acme"\)/);
    expect(message).toMatch(/field kinds\.0/);
  });

  it('rejects a misspelt field', () => {
    const message = errorOf(file(JSON.stringify([{ slug: 'cox', ptrPattern: ['x'] }])));
    expect(message).toMatch(/"cox"/);
    expect(message).toMatch(/ptrPattern/);
  });

  it('rejects an invalid regular expression', () => {
    const message = errorOf(file(JSON.stringify([{ slug: 'cox', ptrPatterns: ['(unclosed'] }])));
    expect(message).toMatch(/field ptrPatterns\.0: invalid regular expression/);
  });

  it('requires name and kinds for a new slug', () => {
    const message = errorOf(file(JSON.stringify([{ slug: 'brand-new', mx: ['mx.brand-new.example'] }])));
    expect(message).toMatch(/"brand-new"/);
    expect(message).toMatch(/field name/);
    expect(message).toMatch(/field kinds/);
  });

  it('rejects a bad ASN, a bad prefix and a bad source URL', () => {
    expect(errorOf(file(JSON.stringify([{ slug: 'cox', asns: [-1] }])))).toMatch(/field asns\.0/);
    expect(errorOf(file(JSON.stringify([{ slug: 'shopify', ipPrefixes: ['23.227.38/24'] }])))).toMatch(/field ipPrefixes\.0/);
    expect(errorOf(file(JSON.stringify([{ slug: 'cox', source: { ns: 'not a url' } }])))).toMatch(/field source\.ns/);
  });

  it('rejects a file that is not a list of providers, and a missing file', () => {
    expect(errorOf(file('providers: 3'))).toMatch(/expected a list of providers/);
    expect(errorOf(file('{ not json'))).toMatch(/not valid JSON or YAML/);
    expect(errorOf(join(dir, 'missing.json'))).toMatch(/cannot read provider file/);
  });
});
