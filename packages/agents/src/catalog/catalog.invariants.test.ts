// Rules every bundled entry keeps, whoever adds it: a fingerprint implies the job it is
// evidence of, patterns are anchored, a suffix two providers claim carries a stated
// tie-break, and every entry says where its facts come from and which domains are its own.
import { describe, expect, it } from 'vitest';
import { loadBundledProviders } from './catalog.loader.ts';
import { createCatalog } from './catalog.ts';
import { HOST_FIELDS, isRegexLiteral, type HostField, type ProviderEntry, type ProviderKind } from './catalog.schema.ts';
import { normalizeHost } from './host-index.ts';

const providers = loadBundledProviders();
const catalog = createCatalog(providers);

const WEB: ProviderKind[] = ['web-host', 'cdn', 'cms', 'ecommerce'];
/** A field's fingerprints are evidence of one of these jobs; an entry carrying them must do one. */
const FIELD_KINDS: [keyof ProviderEntry, ProviderKind[]][] = [
  ['ns', ['dns', 'parking']],
  ['mx', ['email', 'email-gateway']],
  ['spfIncludes', ['email', 'email-gateway']],
  ['accessAsns', ['isp']],
  ['mailDomains', ['isp']],
  ['srv', ['voip', 'email']],
  ['ipPrefixes', WEB],
  ['httpHeaders', WEB],
  ['metaGenerator', WEB],
  ['assetHosts', WEB],
  ['htmlMarkers', [...WEB, 'parking']],
  ['ptrPatterns', ['isp', 'web-host', 'cdn']],
  ['cname', [...WEB, 'email', 'voip']],
];

const has = (p: ProviderEntry, field: keyof ProviderEntry): boolean => {
  const v = p[field];
  return Array.isArray(v) && v.length > 0;
};

describe('catalog invariants', () => {
  it('has unique slugs', () => {
    const seen = new Set<string>();
    const dupes = providers.filter((p) => (seen.has(p.slug) ? true : (seen.add(p.slug), false))).map((p) => p.slug);
    expect(dupes).toEqual([]);
  });

  it('gives every entry a source and its own domains', () => {
    expect(providers.filter((p) => Object.keys(p.source ?? {}).length === 0).map((p) => p.slug)).toEqual([]);
    expect(providers.filter((p) => (p.domains ?? []).length === 0).map((p) => p.slug)).toEqual([]);
  });

  it('names one entry per (kind, domain): a ground truth or uncatalogued name maps to one provider', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const p of providers) {
      for (const kind of p.kinds) {
        for (const d of p.domains ?? []) {
          const key = `${kind} ${d}`;
          const other = owner.get(key);
          if (other && other !== p.slug) clashes.push(`${key}: ${other} and ${p.slug}`);
          owner.set(key, p.slug);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(FIELD_KINDS)('an entry with %s fingerprints has one of the kinds %j', (field, kinds) => {
    const wrong = providers.filter((p) => has(p, field) && !p.kinds.some((k) => kinds.includes(k)));
    expect(wrong.map((p) => `${p.slug} [${p.kinds.join(', ')}]`)).toEqual([]);
  });

  it('anchors every regular expression', () => {
    const loose: string[] = [];
    for (const p of providers) {
      for (const f of HOST_FIELDS) {
        for (const fp of p[f] ?? []) if (isRegexLiteral(fp) && !/^\/\^.*\$\/$/.test(fp)) loose.push(`${p.slug} ${f} ${fp}`);
      }
      // Reverse names are matched as shapes of the name's end (…​.static.example.net).
      for (const re of p.ptrPatterns ?? []) if (!re.endsWith('$')) loose.push(`${p.slug} ptrPatterns ${re}`);
      for (const re of p.metaGenerator ?? []) if (!re.startsWith('^')) loose.push(`${p.slug} metaGenerator ${re}`);
      for (const h of p.httpHeaders ?? []) {
        const re = h.valuePattern;
        if (re !== undefined && !re.startsWith('^') && !re.endsWith('$')) loose.push(`${p.slug} header ${h.name} ${re}`);
      }
      for (const m of p.htmlMarkers ?? []) if (isRegexLiteral(m) && !/^\/\^|\$\/$/.test(m)) loose.push(`${p.slug} htmlMarkers ${m}`);
    }
    expect(loose).toEqual([]);
  });

  it('gives access ASNs to one ISP only', () => {
    const owner = new Map<number, string>();
    const clashes: string[] = [];
    for (const p of providers) {
      for (const asn of p.accessAsns ?? []) {
        const other = owner.get(asn);
        if (other && other !== p.slug) clashes.push(`AS${asn}: ${other} and ${p.slug}`);
        owner.set(asn, p.slug);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('never lists an access ASN as another provider\'s network (a hosting network is never an ISP)', () => {
    const access = new Map(providers.flatMap((p) => (p.accessAsns ?? []).map((asn) => [asn, p.slug] as const)));
    const clashes = providers.flatMap((p) =>
      (p.asns ?? []).filter((asn) => access.has(asn) && access.get(asn) !== p.slug).map((asn) => `AS${asn}: access of ${access.get(asn)}, network of ${p.slug}`),
    );
    expect(clashes).toEqual([]);
  });
});

describe('shared fingerprints', () => {
  const claims = new Map<string, ProviderEntry[]>();
  for (const p of providers) {
    for (const f of HOST_FIELDS) {
      for (const fp of p[f] ?? []) {
        const key = `${f} ${isRegexLiteral(fp) ? fp : normalizeHost(fp)}`;
        claims.set(key, [...(claims.get(key) ?? []), p]);
      }
    }
  }
  const overlaps = [...claims.entries()].filter(([, ps]) => ps.length > 1);

  it('are all declared, by every claimant, naming the others and one preferred claimant', () => {
    const undeclared: string[] = [];
    for (const [key, ps] of overlaps) {
      const [field, fingerprint] = splitKey(key);
      const slugs = ps.map((p) => p.slug);
      const prefers = new Set<string>();
      for (const p of ps) {
        const decl = (p.shared ?? []).find((s) => s.field === field && s.fingerprint === fingerprint);
        const others = slugs.filter((s) => s !== p.slug);
        if (!decl || !others.every((o) => decl.with.includes(o))) undeclared.push(`${key}: ${p.slug} does not state it shares with ${others.join(', ')}`);
        else prefers.add(decl.prefer);
      }
      if (prefers.size > 1 || [...prefers].some((s) => !slugs.includes(s))) undeclared.push(`${key}: claimants disagree on the preferred one (${[...prefers].join(', ')})`);
    }
    expect(undeclared).toEqual([]);
  });

  it('declare only real overlaps', () => {
    const stale: string[] = [];
    for (const p of providers) {
      for (const s of p.shared ?? []) {
        const key = `${s.field} ${isRegexLiteral(s.fingerprint) ? s.fingerprint : normalizeHost(s.fingerprint)}`;
        const slugs = (claims.get(key) ?? []).map((c) => c.slug);
        if (!slugs.includes(p.slug) || !s.with.every((w) => slugs.includes(w))) stale.push(`${p.slug}: ${key} with ${s.with.join(', ')}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('include no suffix nested under another provider\'s suffix in the same field', () => {
    // The classifier weighs every hit of one record alike, so x.brand.example.net claimed by
    // a reseller and example.net by its wholesaler is a tie, not "the longer one wins":
    // keep one of the two claims.
    const nested: string[] = [];
    for (const f of HOST_FIELDS) {
      const all = providers.flatMap((p) => (p[f] ?? []).filter((fp) => !isRegexLiteral(fp)).map((fp) => ({ slug: p.slug, fp: normalizeHost(fp) })));
      for (const inner of all) {
        for (const outer of all) {
          if (inner.slug !== outer.slug && inner.fp.endsWith(`.${outer.fp}`)) nested.push(`${f} ${inner.fp} (${inner.slug}) under ${outer.fp} (${outer.slug})`);
        }
      }
    }
    expect(nested).toEqual([]);
  });

  it('put the preferred claimant first when matched', () => {
    const wrong: string[] = [];
    for (const [key, ps] of overlaps) {
      const [field, fingerprint] = splitKey(key);
      const prefer = ps[0]?.shared?.find((s) => s.field === field && s.fingerprint === fingerprint)?.prefer;
      const sample = isRegexLiteral(fingerprint) ? SAMPLES[fingerprint] : `x1.${fingerprint}`;
      if (!sample) {
        wrong.push(`${key}: no sample host to check the tie-break on`);
        continue;
      }
      const first = catalog.providers.length > 0 ? matcherFor(field)(sample)[0]?.slug : undefined;
      if (first !== prefer) wrong.push(`${key}: ${sample} → ${first}, expected ${prefer}`);
    }
    expect(wrong).toEqual([]);
    expect(overlaps.length).toBeGreaterThan(0);
  });
});

/** Hosts to check the tie-break of a shared `/regex/` fingerprint on. */
const SAMPLES: Record<string, string> = {
  '/^dns[1-4]\\.p\\d\\d\\.nsone\\.net$/': 'dns1.p07.nsone.net',
};

function splitKey(key: string): [HostField, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space) as HostField, key.slice(space + 1)];
}

function matcherFor(field: HostField): (host: string) => { slug: string }[] {
  const fns: Record<HostField, (host: string) => { slug: string }[]> = {
    mx: catalog.matchMx,
    cname: catalog.matchCname,
    ns: catalog.matchNs,
    spfIncludes: catalog.matchSpfInclude,
    srv: catalog.matchSrv,
    assetHosts: catalog.matchAssetHost,
    mailDomains: catalog.matchMailDomain,
  };
  return fns[field];
}
