// The accuracy of a benchmark scan, printed beside its CPU figures: a change that makes a
// prospect cheaper must not make its answers worse. The export is judged against the
// market's ground truth by the same judge as the accuracy tests, and the answers are
// fingerprinted, so two runs of one market show at a glance whether any answer moved.
import { createHash } from 'node:crypto';
import { ANSWER_FIELDS, loadCatalog } from '@prospector/agents';
import type { PrismaClient } from '@prospector/core';
import { exportRecords, type ExportRecord } from '@prospector/scheduler';
import type { Market } from '@prospector/simnet';
import { namedRate, tallyOpenWorld, wrongRate } from '../test/helpers/accuracy.tables.ts';

export interface ScanAccuracy {
  /** Businesses whose exported domain is their own site's (or none, when they have none). */
  domainRight: number;
  /** Per field: the share named (catalogued or not) and the share wrong, in %. */
  fields: { field: string; named: number; wrong: number }[];
  /** sha256 of every record's answers, in record order: equal means no answer changed. */
  answersSha: string;
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

export async function scanAccuracy(prisma: PrismaClient, campaign: string, market: Market): Promise<ScanAccuracy> {
  const records: ExportRecord[] = [];
  for await (const r of exportRecords(prisma, campaign)) records.push(r);
  const byId = new Map(records.map((r) => [r.externalId, r]));
  const domainRight = market.businesses.filter((b) => (byId.get(b.recordId)?.domain ?? null) === b.truth.domain).length;
  const fields = tallyOpenWorld(loadCatalog(), market.businesses, records).map((t) => ({ field: t.field, named: pct(namedRate(t)), wrong: pct(wrongRate(t)) }));
  const hash = createHash('sha256');
  for (const r of [...records].sort((a, b) => a.externalId.localeCompare(b.externalId))) hash.update(JSON.stringify(answersOf(r)));
  return { domainRight: pct(domainRight / Math.max(1, market.businesses.length)), fields, answersSha: hash.digest('hex').slice(0, 12) };
}

/** What a scan found, without the ids and times that differ between runs. */
function answersOf(r: ExportRecord): unknown[] {
  return [r.externalId, ...ANSWER_FIELDS.map((field) => r[field])];
}

export function formatAccuracy(a: ScanAccuracy): string {
  return `domain right ${a.domainRight}%; ` + a.fields.map((f) => `${f.field} ${f.named}% named/${f.wrong}% wrong`).join(', ') + `; answers sha ${a.answersSha}`;
}
