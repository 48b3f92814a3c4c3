// Compares pipeline answers with a generated market's ground truth, field by field.
import type { AnswerColumns } from '@prospector/agents';
import type { Business, GroundTruth } from './market.types.ts';

/** What the comparison needs of an exported record. */
export interface AnswerRecord extends AnswerColumns {
  externalId: string;
}

export interface AccuracyLine {
  metric: string;
  correct: number;
  total: number;
  rate: number;
  /** The lowest acceptable rate, when the issue sets one. */
  threshold: number | null;
  /** Up to five misses, "recordId: got X, want Y", to debug from. */
  misses: string[];
}

type Field = keyof Omit<GroundTruth, 'ispObservable' | 'tags' | 'isp'> | 'isp';

function line(metric: string, threshold: number | null, pairs: { id: string; got: string | null; want: string | null }[]): AccuracyLine {
  const misses = pairs.filter((p) => p.got !== p.want);
  const total = pairs.length;
  return {
    metric,
    correct: total - misses.length,
    total,
    rate: total === 0 ? 1 : (total - misses.length) / total,
    threshold,
    misses: misses.slice(0, 5).map((m) => `${m.id}: got ${m.got ?? 'null'}, want ${m.want ?? 'null'}`),
  };
}

export function scoreAgainstTruth(businesses: Business[], records: AnswerRecord[]): AccuracyLine[] {
  const byId = new Map(records.map((r) => [r.externalId, r]));
  const rows = businesses.map((b) => ({ b, r: byId.get(b.recordId) ?? null }));
  const pairs = (field: Field, keep: (b: Business) => boolean = () => true) =>
    rows.filter(({ b }) => keep(b)).map(({ b, r }) => ({ id: b.recordId, got: (r?.[field] as string | null | undefined) ?? null, want: (b.truth[field] as string | null) ?? null }));
  const hasSite = (b: Business) => b.truth.presence === 'website';
  const ispPrecision = rows
    .filter(({ r }) => r?.isp)
    .map(({ b, r }) => ({ id: b.recordId, got: r!.isp, want: b.truth.isp }));
  return [
    line('records exported', 1, rows.map(({ b, r }) => ({ id: b.recordId, got: r ? 'yes' : 'missing', want: 'yes' }))),
    line('presence', 0.98, pairs('presence')),
    line('domain (businesses with a site)', 0.97, pairs('domain', hasSite)),
    line('no domain claimed (businesses without a site)', 0.99, pairs('domain', (b) => !hasSite(b))),
    line('e-mail provider', 0.97, pairs('emailProvider')),
    line('e-mail gateway', null, pairs('emailGateway')),
    line('web host (businesses with a site)', 0.95, pairs('webHost', hasSite)),
    line('DNS provider', 0.97, pairs('dnsProvider')),
    line('ISP recall (evidence exists)', 0.9, pairs('isp', (b) => b.truth.ispObservable)),
    line('ISP precision (ISP reported)', 0.97, ispPrecision),
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
