// The staging table: every list row (kept or rejected) lands here through one COPY
// stream, then set-based SQL merges it (import-merge.ts). A TEMP table writes no WAL
// and has no indexes to maintain while loading; it lives and dies with the transaction.
import { once } from 'node:events';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { NormalizedRow } from './normalize.ts';

export const STAGE_TABLE = 'import_stage';

/**
 * grp starts as NEW_LABEL_BASE + rn (the row is its own group) and sinks to the smallest
 * label of anything it is a duplicate of; labels below NEW_LABEL_BASE are existing
 * Prospect ids, so a group that touches a stored prospect ends up labelled with it.
 */
export const NEW_LABEL_BASE = 2 ** 31;

const COLUMNS = [
  'rn', 'grp', 'reject', 'raw_text', 'record_id', 'external_id', 'name', 'name_key', 'address', 'city',
  'region', 'postal_code', 'phone', 'website', 'website_domain', 'email', 'email_domain', 'employees',
  'revenue', 'industry_code', 'raw',
] as const;

export const CREATE_STAGE_SQL = `
CREATE TEMP TABLE ${STAGE_TABLE} (
  rn integer NOT NULL, grp bigint, reject text, raw_text text, record_id text, external_id text,
  name text, name_key text, address text, city text, region text, postal_code text, phone text,
  website text, website_domain text, email text, email_domain text, employees integer,
  revenue double precision, industry_code text, raw jsonb
) ON COMMIT DROP`;

export const COPY_STAGE_SQL = `COPY ${STAGE_TABLE} (${COLUMNS.join(', ')}) FROM STDIN`;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and CR escaped; \N is NULL. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '\\': return '\\\\';
    case '\t': return '\\t';
    case '\n': return '\\n';
    default: return '\\r';
  }
}

function line(values: (string | number | null)[]): string {
  let out = copyValue(values[0] ?? null);
  for (let i = 1; i < values.length; i++) out += '\t' + copyValue(values[i] ?? null);
  return out + '\n';
}

export function rowLine(row: NormalizedRow): string {
  const raw = row.notes.length === 0 ? row.raw : { ...row.raw, _notes: row.notes };
  return line([
    row.rowNumber, NEW_LABEL_BASE + row.rowNumber, null, null, row.recordId, row.externalId, row.name,
    row.nameKey, row.address, row.city, row.region, row.postalCode, row.phone, row.website,
    row.websiteDomain, row.email, row.emailDomain, row.employees, row.revenue, row.industryCode,
    JSON.stringify(raw),
  ]);
}

const MAX_REJECTED_RAW = 2000;

export function rejectedLine(rowNumber: number, reason: string, raw: string): string {
  let text = raw.replace(/^[\r\n]+|[\r\n]+$/g, '').replaceAll('\0', '');
  if (text.length > MAX_REJECTED_RAW) text = `${text.slice(0, MAX_REJECTED_RAW)}… [${text.length} characters, truncated]`;
  return line([rowNumber, null, reason, text, ...new Array<null>(COLUMNS.length - 4).fill(null)]);
}

/** Buffers lines into ~1 MB writes and honours the COPY stream's backpressure. */
export class StageWriter {
  private readonly stream: ReturnType<typeof copyStreams.from>;
  private readonly done: Promise<unknown>;
  private buffer: string[] = [];
  private bufferedChars = 0;

  constructor(client: pg.PoolClient) {
    this.stream = client.query(copyStreams.from(COPY_STAGE_SQL));
    // once() rejects when the stream emits 'error' first (e.g. bad data in a row).
    this.done = once(this.stream, 'finish');
    this.done.catch(() => undefined);
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.bufferedChars += text.length;
    if (this.bufferedChars >= 1024 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Cancels the COPY (CopyFail), so the connection can roll back instead of waiting for data. */
  async abort(reason: Error): Promise<void> {
    this.stream.destroy(reason);
    await this.done.catch(() => undefined);
  }

  /** Ends the COPY; resolves with the number of rows Postgres stored. */
  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await this.done;
    return this.stream.rowCount;
  }
}
