// Web technology detection from what a fetch saw: response headers, markup, asset hosts
// and the generator meta tag. Rules are compiled once per catalog.
import { isRegexLiteral, type ProviderEntry, type ProviderKind } from './catalog.schema.ts';
import { match, type CatalogMatch } from './catalog-match.ts';

export interface TechnologyInput {
  /** Response headers; names are compared case-insensitively. */
  headers?: Record<string, string> | null;
  /** Page markup (the caller's capped body). */
  html?: string | null;
  assetHosts?: readonly string[] | null;
  metaGenerator?: string | null;
}

const WEB_KINDS: readonly ProviderKind[] = ['web-host', 'cdn', 'cms', 'ecommerce'];

interface CompiledRules {
  p: ProviderEntry;
  headers: { name: string; value: RegExp | null; source: string }[];
  markers: { test: (lowerHtml: string, html: string) => boolean; source: string }[];
  generators: { regex: RegExp; source: string }[];
}

export function createTechnologyDetector(
  providers: readonly ProviderEntry[],
  matchAssetHost: (host: string) => CatalogMatch[],
): (input: TechnologyInput) => CatalogMatch[] {
  const rules = providers.filter((p) => p.kinds.some((k) => WEB_KINDS.includes(k))).map(compile);
  const webSlugs = new Set(rules.map((r) => r.p.slug));

  return (input) => {
    const found = new Map<string, CatalogMatch>();
    const add = (m: CatalogMatch): void => {
      if (!found.has(m.slug)) found.set(m.slug, m);
    };
    const headers = lowerKeys(input.headers ?? {});
    const html = input.html ?? '';
    const lowerHtml = html.toLowerCase();
    for (const r of rules) {
      for (const h of r.headers) {
        const value = headers.get(h.name);
        if (value !== undefined && (h.value === null || h.value.test(value))) {
          const line = `${h.name}: ${value.slice(0, 60)}`;
          add(match(r.p, h.name === 'set-cookie' ? 'cookie' : 'header', h.source, line, `header ${line} → ${r.p.slug}`));
        }
      }
      if (html) {
        const marker = r.markers.find((m) => m.test(lowerHtml, html));
        if (marker) add(match(r.p, 'marker', marker.source, marker.source, `markup contains ${marker.source} → ${r.p.slug}`));
      }
      const generator = input.metaGenerator;
      if (generator && r.generators.some((g) => g.regex.test(generator))) {
        add(match(r.p, 'generator', generator, generator.slice(0, 60), `meta generator "${generator.slice(0, 60)}" → ${r.p.slug}`));
      }
    }
    for (const host of input.assetHosts ?? []) {
      for (const m of matchAssetHost(host)) if (webSlugs.has(m.slug)) add(m);
    }
    return [...found.values()];
  };
}

function compile(p: ProviderEntry): CompiledRules {
  return {
    p,
    headers: (p.httpHeaders ?? []).map((h) => ({
      name: h.name.toLowerCase(),
      value: h.valuePattern ? new RegExp(h.valuePattern, 'i') : null,
      source: h.valuePattern ? `${h.name}: /${h.valuePattern}/` : h.name,
    })),
    markers: (p.htmlMarkers ?? []).map((source) => {
      if (isRegexLiteral(source)) {
        const regex = new RegExp(source.slice(1, -1), 'i');
        return { source, test: (_lower: string, html: string) => regex.test(html) };
      }
      const needle = source.toLowerCase();
      return { source, test: (lower: string) => lower.includes(needle) };
    }),
    generators: (p.metaGenerator ?? []).map((source) => ({ source, regex: new RegExp(source, 'i') })),
  };
}

function lowerKeys(headers: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
