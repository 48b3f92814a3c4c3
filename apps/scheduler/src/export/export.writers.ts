import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ANSWER_FIELDS, CATALOGED_COLUMNS } from '@prospector/agents';
import type { ExportRecord } from './export.service.ts';
import { neutralizeCell, QUOTE_FOREIGN_SEPARATORS } from './neutralize.ts';

export type ExportFormat = 'json' | 'csv';

const IDENTITY = ['externalId', 'name', 'city', 'region', 'postalCode', 'phone'] as const;

/** Flat CSV: identity, answers, whether each provider answer is catalogued, score/tier, one confidence column per answer, evidence as JSON. */
export function csvHeader(): string[] {
  return [...IDENTITY, ...ANSWER_FIELDS, ...CATALOGED_COLUMNS, 'score', 'tier', 'reasons', ...ANSWER_FIELDS.map((f) => `confidence.${f}`), 'evidence', 'scannedAt'];
}

export function csvRow(r: ExportRecord): (string | number)[] {
  const text = (v: string | null) => (v === null ? '' : neutralizeCell(v));
  return [
    ...IDENTITY.map((k) => text(r[k])),
    ...ANSWER_FIELDS.map((k) => text(r[k])),
    ...CATALOGED_COLUMNS.map((k) => (r[k] === null ? '' : String(r[k]))),
    r.score ?? '',
    text(r.tier),
    text(r.reasons.join(' | ')),
    ...ANSWER_FIELDS.map((f) => r.confidence?.[f] ?? ''),
    text(r.evidence ? JSON.stringify(r.evidence) : null),
    r.scannedAt ?? '',
  ];
}

export async function writeExport(records: AsyncIterable<ExportRecord>, format: ExportFormat, out: Writable): Promise<number> {
  let count = 0;
  if (format === 'json') {
    await write(out, '[');
    for await (const r of records) {
      await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`);
      count++;
    }
    await write(out, '\n]\n');
    return count;
  }
  const csv = stringify({ header: true, columns: csvHeader(), record_delimiter: 'windows', quoted_match: QUOTE_FOREIGN_SEPARATORS });
  csv.pipe(out, { end: false });
  for await (const r of records) {
    if (!csv.write(csvRow(r))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export function openOutput(path: string | undefined): { stream: Writable; done(): Promise<void> } {
  if (!path || path === '-') return { stream: process.stdout, done: async () => undefined };
  const stream = createWriteStream(path);
  return {
    stream,
    done: async () => {
      stream.end();
      await once(stream, 'finish');
    },
  };
}
