// A header the catalog fingerprints on is useless if the HTTP client drops it before it
// reaches the database: every one must pass the client's evidence filter.
import { expect, it } from 'vitest';
import { selectHeaders } from '../adapters/safe-http-headers.ts';
import { loadBundledProviders } from './catalog.loader.ts';

it('keeps every header the catalog fingerprints on', () => {
  const names = [...new Set(loadBundledProviders().flatMap((p) => (p.httpHeaders ?? []).map((h) => h.name.toLowerCase())))];
  const kept = selectHeaders(Object.fromEntries(names.map((n) => [n, 'x'])));
  expect(names.filter((n) => !(n in kept))).toEqual([]);
});
