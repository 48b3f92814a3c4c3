// What the fetched page says about the software behind it: catalog technology matches
// (headers, cookies, markup, generator, asset hosts) and a generator tag the catalog does
// not know, reduced to its brand.
import type { CatalogMatch } from '../catalog/catalog.ts';
import type { ClassifyContext } from './answer.ts';
import { registrableDomain } from './names.ts';

export function siteTechnologies(ctx: ClassifyContext): CatalogMatch[] {
  const site = ctx.site;
  if (!site) return [];
  const seen = ctx.catalog.explainTechnologies({
    headers: site.fetch.headers,
    assetHosts: site.page?.assetHosts ?? [],
    metaGenerator: site.page?.metaGenerator ?? null,
  });
  // The detector keeps one match per provider; a builder's asset hosts matter beside its
  // generator tag (they say the platform serves the files), so each is kept too.
  for (const assetHost of site.page?.assetHosts ?? []) {
    for (const m of ctx.catalog.matchAssetHost(assetHost)) {
      if (!seen.some((s) => s.slug === m.slug && s.via === 'asset-host')) seen.push(m);
    }
  }
  const slugs = new Set(seen.map((m) => m.slug));
  // The verify agent saw the full markup; its slugs count as markup evidence.
  for (const slug of site.technologies) {
    const provider = ctx.catalog.get(slug);
    if (provider && !slugs.has(slug)) {
      seen.push({ provider, slug, fingerprint: 'markup', via: 'marker', observed: 'page markup', evidence: `page markup → ${slug}`, weak: false, access: false });
    }
  }
  return seen;
}

export interface Generator {
  /** The tag as served, cut to 60 characters. */
  text: string;
  /** Lower-case brand: "Framer 3f2a9c" → framer, "Wix.com Website Builder" → wix.com. */
  brand: string;
  /** The brand's first label (wix.com → wix), looked for in asset host names. */
  brandLabel: string;
  /** The tag calls itself a site builder. */
  builder: boolean;
  /**
   * The tag carries a release number ("Sitefinity 14.4.8100.0 DX", "Joomla! 4.2"): software
   * someone installs and upgrades, not a hosted builder deployed continuously (those print
   * nothing, a brand, or a build hash: "Framer 3f2a9c").
   */
  versioned: boolean;
}

/** The page's generator tag when no catalog entry matched it, or null. */
export function uncataloguedGenerator(ctx: ClassifyContext, tech: CatalogMatch[]): Generator | null {
  const text = ctx.site?.page?.metaGenerator?.trim().slice(0, 60);
  // The detector keeps one match per provider, so a provider seen by its header may hide
  // that its generator pattern matched too: ask about the generator alone.
  if (!text || tech.some((m) => m.via === 'generator') || ctx.catalog.explainTechnologies({ metaGenerator: text }).length > 0) return null;
  const first = text.toLowerCase().split(/\s+/)[0]?.replace(/[^a-z0-9.-]/g, '').replace(/^[.-]+|[.-]+$/g, '') ?? '';
  if (first.length < 3 || /^\d/.test(first)) return null;
  const brand = first.includes('.') ? registrableDomain(first) ?? first : first;
  return { text, brand, brandLabel: brand.split('.')[0] ?? brand, builder: /\b(site|website|web site|page) ?builder\b/i.test(text), versioned: /\b\d+\.\d+/.test(text) };
}
