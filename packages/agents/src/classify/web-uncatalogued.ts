// A name for a site platform the catalog lacks, read from the evidence: the CNAME target's
// registrable domain, the asset hosts the generator tag names, a credit link that other
// evidence corroborates, else the generator of a self-declared site builder. One brand often
// serves from several domains (webnode.page for sites, webnode.com for assets and its
// credit): those are one name, the .com when there is one, so they add up instead of tying.
import type { EvidenceItem } from '../types.ts';
import { insideDomain, type ClassifyContext, type Votes } from './answer.ts';
import { nameForHost, registrableDomain, type EvidenceName } from './names.ts';
import type { CreditClaim } from './page-claims.ts';
import { WEB_HOST_STRENGTH as S } from './strengths.ts';
import type { Generator } from './web-technologies.ts';

interface Pending {
  name: EvidenceName;
  strength: number;
  evidence: Omit<EvidenceItem, 'names'>;
}

export function addUncataloguedPlatform(ctx: ClassifyContext, votes: Votes, generator: Generator | null, credits: readonly CreditClaim[]): void {
  const own = ctx.domain ?? ctx.site?.domain ?? '';
  const pending: Pending[] = [];
  const target = ctx.dns?.www?.cnameChain.at(-1) ?? null;
  if (target && !insideDomain(target, own)) {
    const name = nameForHost(ctx.catalog, target, ['web-host']);
    if (name) pending.push({ name, strength: S.uncataloguedCname, evidence: { kind: 'cname', observed: target, notes: name.cataloged ? [] : ['uncatalogued'] } });
  }
  pending.push(...corroboratedCredits(ctx, generator, credits, target));
  if (generator) {
    for (const host of ctx.site?.page?.assetHosts ?? []) {
      const domain = registrableDomain(host);
      if (!domain || insideDomain(host, own) || !domain.includes(generator.brandLabel)) continue;
      const name = nameForHost(ctx.catalog, host, ['web-host']);
      if (name) pending.push({ name, strength: S.uncataloguedAssets, evidence: { kind: 'asset-host', observed: host, context: `generator "${generator.text}"`, notes: ['uncatalogued'] } });
    }
  }
  for (const p of oneNamePerBrand(pending)) votes.add(p.name.value, p.strength, { ...p.evidence, names: p.name.value }, p.name.cataloged);
  if (votes.size === 0 && generator?.builder) {
    votes.add(generator.brand, S.uncataloguedBuilder, { kind: 'generator', observed: generator.text, names: generator.brand, notes: ['site builder', 'uncatalogued'] }, false);
  }
}

/**
 * A credit link to a domain the catalog does not know names the platform only when other
 * evidence names the same one (the CNAME target, an asset host, the generator's brand):
 * alone, "Powered by" may credit a plugin, a theme or a reseller as easily as the host.
 */
function corroboratedCredits(ctx: ClassifyContext, generator: Generator | null, credits: readonly CreditClaim[], target: string | null): Pending[] {
  const assetDomains = new Set((ctx.site?.page?.assetHosts ?? []).map(registrableDomain));
  const out: Pending[] = [];
  for (const claim of credits.filter((c) => c.owners.length === 0)) {
    const brand = brandOf(claim.domain);
    const corroborated = (target !== null && brandOf(registrableDomain(target) ?? '') === brand) || [...assetDomains].some((d) => d !== null && brandOf(d) === brand) || generator?.brandLabel === brand;
    if (corroborated) out.push({ name: { value: claim.domain, cataloged: false }, strength: S.uncataloguedCredit, evidence: { kind: 'credit-link', observed: claim.host, notes: ['page credit', 'uncatalogued'] } });
  }
  return out;
}

const brandOf = (domain: string): string => domain.split('.')[0] ?? domain;

function oneNamePerBrand(pending: Pending[]): Pending[] {
  const canonical = new Map<string, string>();
  for (const { name } of pending) {
    if (name.cataloged) continue;
    const current = canonical.get(brandOf(name.value));
    if (!current || (!current.endsWith('.com') && name.value.endsWith('.com'))) canonical.set(brandOf(name.value), name.value);
  }
  return pending.map((p) => (p.name.cataloged ? p : { ...p, name: { value: canonical.get(brandOf(p.name.value)) ?? p.name.value, cataloged: false } }));
}
