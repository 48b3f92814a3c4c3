// Accuracy of a run's export against a simulated market's ground truth, two ways:
//  - the open-world table: per field, right / uncatalogued-but-named / unknown / wrong
//    (the issue's measurement, for worlds with providers outside the catalog);
//  - the regression table the first accuracy test used (one rate per metric, with floors).
import type { Catalog } from '@prospector/agents';
import type { AnswerColumns } from '@prospector/agents';
import type { Business, ProviderTruth, TruthField } from '@prospector/simnet';
import { TRUTH_FIELDS } from '@prospector/simnet';
import { inCatalog, judge, type Judgement } from './answer.judge.ts';

/** What the comparison needs of an exported record; `<field>Cataloged` when the export has it. */
export type AnswerRecord = AnswerColumns & { externalId: string };

const KINDS: Record<TruthField, readonly string[]> = {
  emailProvider: ['email'], emailGateway: ['email-gateway'], webHost: ['web-host', 'cdn'], dnsProvider: ['dns'],
  isp: ['isp'], ecommercePlatform: ['ecommerce'], cms: ['cms'], voipProvider: ['voip'],
};

export interface FieldTally {
  field: TruthField;
  right: number;
  uncatalogued: number;
  unknown: number;
  wrong: number;
  /** Nothing to find, nothing claimed. */
  silent: number;
  /** Distinct providers in the truth, and those no catalog entry of the field's kind names. */
  providers: number;
  outsideCatalog: number;
  /** Up to six wrong answers and four unknowns, to debug from. */
  misses: string[];
}

export const counted = (t: FieldTally): number => t.right + t.uncatalogued + t.unknown + t.wrong;
export const namedRate = (t: FieldTally): number => (counted(t) === 0 ? 1 : (t.right + t.uncatalogued) / counted(t));
export const wrongRate = (t: FieldTally): number => (counted(t) === 0 ? 0 : t.wrong / counted(t));
/** Of the answers given, the share that name the real provider. */
export const precision = (t: FieldTally): number => (t.right + t.uncatalogued + t.wrong === 0 ? 1 : (t.right + t.uncatalogued) / (t.right + t.uncatalogued + t.wrong));

function catalogedFlag(record: AnswerRecord | undefined, field: TruthField): unknown {
  return record ? (record as unknown as Record<string, unknown>)[`${field}Cataloged`] : undefined;
}

function describe(t: ProviderTruth | null): string {
  return t ? `${t.name}${t.observable ? '' : ' (unobservable)'}` : 'none';
}

export function tallyOpenWorld(catalog: Catalog, businesses: Business[], records: AnswerRecord[]): FieldTally[] {
  const byId = new Map(records.map((r) => [r.externalId, r]));
  return TRUTH_FIELDS.map((field) => {
    const tally: FieldTally = { field, right: 0, uncatalogued: 0, unknown: 0, wrong: 0, silent: 0, providers: 0, outsideCatalog: 0, misses: [] };
    const seen = new Map<string, boolean>();
    const wrongs: string[] = [];
    const unknowns: string[] = [];
    for (const b of businesses) {
      const truth = b.truth[field];
      const record = byId.get(b.recordId);
      const answer = record?.[field] ?? null;
      const verdict: Judgement = judge(catalog, answer, catalogedFlag(record, field), truth);
      tally[verdict]++;
      if (verdict === 'wrong') wrongs.push(`${b.recordId}: got ${answer}, want ${describe(truth)}`);
      if (verdict === 'unknown') unknowns.push(`${b.recordId}: unknown, want ${describe(truth)}`);
      if (truth && !seen.has(truth.name)) seen.set(truth.name, inCatalog(catalog, truth, KINDS[field]));
    }
    tally.providers = seen.size;
    tally.outsideCatalog = [...seen.values()].filter((inside) => !inside).length;
    tally.misses = [...wrongs.slice(0, 6), ...unknowns.slice(0, 4)];
    return tally;
  });
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatOpenWorldTable(tallies: FieldTally[]): string {
  const head = ['field'.padEnd(18), 'right', 'uncat-named', 'unknown', 'wrong', 'silent', 'named', 'wrong%', 'precision', 'providers (outside catalog)'];
  const out = [head.map((h, i) => (i === 0 ? h : h.padStart(h.length < 8 ? 8 : h.length + 1))).join('')];
  for (const t of tallies) {
    out.push([
      t.field.padEnd(18), String(t.right).padStart(8), String(t.uncatalogued).padStart(12), String(t.unknown).padStart(8), String(t.wrong).padStart(8),
      String(t.silent).padStart(8), pct(namedRate(t)).padStart(8), pct(wrongRate(t)).padStart(8), pct(precision(t)).padStart(10), `${t.providers} (${t.outsideCatalog})`.padStart(28),
    ].join(''));
  }
  return out.join('\n');
}

// ---------- the regression table ----------

export interface AccuracyLine {
  metric: string;
  correct: number;
  total: number;
  rate: number;
  /** The lowest acceptable rate, when one is set. */
  threshold: number | null;
  /** Up to five misses, "recordId: got X, want Y", to debug from. */
  misses: string[];
}

function line(metric: string, threshold: number | null, pairs: { id: string; ok: boolean; got: string | null; want: string }[]): AccuracyLine {
  const misses = pairs.filter((p) => !p.ok);
  const total = pairs.length;
  return {
    metric, correct: total - misses.length, total, rate: total === 0 ? 1 : (total - misses.length) / total, threshold,
    misses: misses.slice(0, 5).map((m) => `${m.id}: got ${m.got ?? 'null'}, want ${m.want}`),
  };
}

/** One rate per metric: an answer is correct when it names the true provider, or is null when there is none. */
export function scoreAgainstTruth(catalog: Catalog, businesses: Business[], records: AnswerRecord[]): AccuracyLine[] {
  const byId = new Map(records.map((r) => [r.externalId, r]));
  const rows = businesses.map((b) => ({ b, r: byId.get(b.recordId) }));
  const hasSite = (b: Business): boolean => b.truth.presence === 'website';
  const pairs = (field: TruthField, keep: (b: Business) => boolean = () => true) => rows.filter(({ b }) => keep(b)).map(({ b, r }) => {
    const got = r?.[field] ?? null;
    const verdict = judge(catalog, got, catalogedFlag(r, field), b.truth[field]);
    const ok = verdict === 'right' || verdict === 'uncatalogued' || (verdict === 'silent' && b.truth[field] === null);
    return { id: b.recordId, ok, got, want: describe(b.truth[field]) };
  });
  const plain = (metric: string, threshold: number, keep: (b: Business) => boolean, value: (b: Business, r: AnswerRecord | undefined) => [string | null, string | null]) =>
    line(metric, threshold, rows.filter(({ b }) => keep(b)).map(({ b, r }) => {
      const [got, want] = value(b, r);
      return { id: b.recordId, ok: got === want, got, want: want ?? 'null' };
    }));
  return [
    plain('records exported', 1, () => true, (_, r) => [r ? 'yes' : null, 'yes']),
    plain('presence', 0.98, () => true, (b, r) => [r?.presence ?? null, b.truth.presence]),
    plain('domain (businesses with a site)', 0.97, hasSite, (b, r) => [r?.domain ?? null, b.truth.domain]),
    plain('no domain claimed (businesses without a site)', 0.99, (b) => !hasSite(b), (b, r) => [r?.domain ?? null, b.truth.domain]),
    line('e-mail provider', 0.97, pairs('emailProvider')),
    line('e-mail gateway', null, pairs('emailGateway')),
    line('web host (businesses with a site)', 0.95, pairs('webHost', hasSite)),
    line('DNS provider', 0.97, pairs('dnsProvider')),
    line('ISP recall (evidence exists)', 0.9, pairs('isp', (b) => b.truth.isp.observable)),
    line('ISP precision (ISP reported)', 0.97, pairs('isp', (b) => Boolean(byId.get(b.recordId)?.isp))),
    line('CMS (businesses with a site)', null, pairs('cms', hasSite)),
    line('e-commerce platform (businesses with a site)', null, pairs('ecommercePlatform', hasSite)),
    line('VoIP provider', null, pairs('voipProvider')),
  ];
}

export function formatAccuracyTable(lines: AccuracyLine[]): string {
  const out = [`${'metric'.padEnd(48)}${'correct'.padStart(9)}${'total'.padStart(7)}${'rate'.padStart(9)}${'min'.padStart(7)}`];
  for (const l of lines) {
    const mark = l.threshold !== null && l.rate < l.threshold ? '  ✗' : '';
    out.push(`${l.metric.padEnd(48)}${String(l.correct).padStart(9)}${String(l.total).padStart(7)}${(l.rate * 100).toFixed(1).padStart(8)}%${(l.threshold === null ? '—' : `${l.threshold * 100}%`).padStart(7)}${mark}`);
  }
  return out.join('\n');
}
