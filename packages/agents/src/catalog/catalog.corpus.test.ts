// The gate for catalog changes: recorded real-world facts (corpus/real-records.json),
// written from the providers' published records rather than from the catalog, run
// through the catalog's matchers. At least 95% must be named correctly; the test prints
// the figure per record type and lists every miss with what the catalog answered.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runClassifyAgent } from '../classify/classify.agent.ts';
import { classifyInput, dns, mx, search, verified } from '../classify/classify.fixtures.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { AnswerField, DnsResult } from '../types.ts';
import { loadCatalog } from './catalog.loader.ts';
import type { Catalog, CatalogMatch } from './catalog.ts';

const RECORD_TYPES = ['mx', 'ns', 'cname', 'spf', 'srv', 'a', 'ptr', 'asn', 'txt', 'asset', 'header', 'html', 'generator'] as const;
type RecordType = (typeof RECORD_TYPES)[number];

const recordSchema = z.strictObject({
  type: z.enum(RECORD_TYPES),
  value: z.string().min(1),
  /** Header records: the header's name. */
  name: z.string().min(1).optional(),
  provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  source: z.url(),
  note: z.string().optional(),
});
type RealRecord = z.output<typeof recordSchema>;

const GATE = 0.95;
const catalog = loadCatalog();
const records = readCorpus(new URL('./corpus/real-records.json', import.meta.url));

/** The providers the catalog names for one record, best first. */
function answer(c: Catalog, r: RealRecord): CatalogMatch[] {
  switch (r.type) {
    case 'mx': return c.matchMx(r.value);
    case 'ns': return c.matchNs(r.value);
    case 'cname': return c.matchCname(r.value);
    case 'spf': return c.matchSpfInclude(r.value);
    case 'srv': return c.matchSrv(r.value);
    case 'a': return c.matchAddress(r.value);
    case 'ptr': return c.matchPtr(r.value);
    case 'asn': return c.matchAsn(Number(r.value));
    case 'txt': return c.matchVerificationToken(r.value);
    case 'asset': return c.matchAssetHost(r.value);
    case 'header': return c.explainTechnologies({ headers: { [r.name ?? '']: r.value } });
    case 'html': return c.explainTechnologies({ html: r.value });
    case 'generator': return c.explainTechnologies({ metaGenerator: r.value });
  }
}

/**
 * Named correctly: a host, address, name or token record's first answer is the provider
 * (the one the classifier takes). Page evidence (header, markup, generator) may rightly
 * name several technologies at once (a WooCommerce stylesheet path is WordPress too), so
 * there the provider must be among the answers.
 */
function namedCorrectly(r: RealRecord, found: CatalogMatch[]): boolean {
  const page = r.type === 'header' || r.type === 'html' || r.type === 'generator';
  return page ? found.some((m) => m.slug === r.provider) : found[0]?.slug === r.provider;
}

describe('real-world record corpus', () => {
  it('holds at least 300 distinct records, each with its provider and source', () => {
    expect(records.length).toBeGreaterThanOrEqual(300);
    const keys = records.map((r) => `${r.type} ${r.name ?? ''} ${r.value.toLowerCase()}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it(`names at least ${GATE * 100}% of the records correctly`, () => {
    const misses: string[] = [];
    const byType = new Map<RecordType, { total: number; right: number }>();
    for (const r of records) {
      const found = answer(catalog, r);
      const ok = namedCorrectly(r, found);
      const t = byType.get(r.type) ?? { total: 0, right: 0 };
      byType.set(r.type, { total: t.total + 1, right: t.right + (ok ? 1 : 0) });
      if (!ok) {
        const said = found.length ? found.map((m) => m.slug).join(', ') : 'nothing';
        misses.push(`${r.type} ${r.name ? `${r.name}: ` : ''}${r.value} → ${said} (expected ${r.provider}; ${r.source})`);
      }
    }
    const right = records.length - misses.length;
    const share = right / records.length;
    const table = [...byType.entries()].map(([type, t]) => `  ${type.padEnd(9)} ${String(t.right).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t.right / t.total)}`);
    console.log([`real-world corpus: ${right}/${records.length} named correctly (${pct(share)})`, ...table, ...(misses.length ? ['misses:', ...misses.map((m) => `  ${m}`)] : [])].join('\n'));
    expect(share, misses.join('\n')).toBeGreaterThanOrEqual(GATE);
  });
});

describe('real-world records through the classifier', () => {
  // A record that alone decides an answer (an MX names the mailbox host or the gateway, the
  // NS set names the DNS operator) is put into a business's DNS result and classified:
  // the answer must be the record's provider, as the report and export would show it.
  const playbook = loadPlaybook();
  const D = 'acmetool.com';

  function classifyOne(r: RealRecord): { field: AnswerField; got: string | null } | null {
    const provider = catalog.get(r.provider);
    let field: AnswerField;
    let result: Partial<DnsResult>;
    if (r.type === 'mx') {
      field = provider?.kinds.includes('email-gateway') ? 'emailGateway' : 'emailProvider';
      result = { mx: [mx(r.value, 10)] };
    } else if (r.type === 'ns' && !provider?.kinds.includes('parking')) {
      field = 'dnsProvider';
      result = { ns: [r.value] };
    } else {
      return null;
    }
    const input = classifyInput({
      search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }),
      dns: [dns(D, result)],
      verify: [verified(D)],
    });
    const answers = runClassifyAgent(input, { catalog, playbook });
    return { field, got: (answers[field] as string | null | undefined) ?? null };
  }

  it(`names the provider of at least ${GATE * 100}% of the MX and NS records`, () => {
    const misses: string[] = [];
    let total = 0;
    for (const r of records) {
      const outcome = classifyOne(r);
      if (!outcome) continue;
      total += 1;
      if (outcome.got !== r.provider) misses.push(`${r.type} ${r.value}: ${outcome.field} = ${outcome.got ?? 'unknown'} (expected ${r.provider})`);
    }
    const right = total - misses.length;
    console.log([`classifier on single MX/NS records: ${right}/${total} (${pct(right / total)})`, ...misses.map((m) => `  ${m}`)].join('\n'));
    expect(total).toBeGreaterThan(250);
    expect(right / total, misses.join('\n')).toBeGreaterThanOrEqual(GATE);
  });
});

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function readCorpus(url: URL): RealRecord[] {
  const doc = z.object({ records: z.array(z.unknown()) }).parse(JSON.parse(readFileSync(url, 'utf8')));
  return doc.records.map((raw, i) => {
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`real-records.json record #${i + 1}: field ${issue?.path.join('.') || '(record)'}: ${issue?.message}`);
    }
    if (parsed.data.type === 'header' && !parsed.data.name) throw new Error(`real-records.json record #${i + 1}: field name: a header record needs the header's name`);
    return parsed.data;
  });
}
