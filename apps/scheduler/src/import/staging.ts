// The staging table: every list row (kept or rejected) lands here through one COPY
// stream per batch, then set-based SQL merges it (import-merge.ts). A TEMP table writes no WAL
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
  'revenue', 'industry_code', 'raw', 'phone_key',
] as const;

export const CREATE_STAGE_SQL = `
CREATE TEMP TABLE ${STAGE_TABLE} (
  rn integer NOT NULL, grp bigint, reject text, raw_text text, record_id text, external_id text,
  name text, name_key text, address text, city text, region text, postal_code text, phone text,
  website text, website_domain text, email text, email_domain text, employees integer,
  revenue double precision, industry_code text, raw jsonb, phone_key text, why text
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

/**
 * Rows merge by phone only within one phone key: the phone, a name and a postal code
 * (import-merge.ts). Each row starts with its own name and postal code; the merge then
 * gives rows whose names agree one shared key. The format must match PHONE_KEY_SQL there.
 */
export function phoneKey(phone: string, nameKey: string, postalCode: string | null): string {
  return `${phone}|${nameKey}|${postalCode ?? ''}`;
}

export function rowLine(row: NormalizedRow): string {
  const raw = row.notes.length === 0 ? row.raw : { ...row.raw, _notes: row.notes };
  return line([
    row.rowNumber, NEW_LABEL_BASE + row.rowNumber, null, null, row.recordId, row.externalId, row.name,
    row.nameKey, row.address, row.city, row.region, row.postalCode, row.phone, row.website,
    row.websiteDomain, row.email, row.emailDomain, row.employees, row.revenue, row.industryCode,
    JSON.stringify(raw), row.phone === null ? null : phoneKey(row.phone, row.nameKey, row.postalCode),
  ]);
}

const MAX_REJECTED_RAW = 2000;

export function rejectedLine(rowNumber: number, reason: string, raw: string): string {
  let text = raw.replace(/^[\r\n]+|[\r\n]+$/g, '').replaceAll('\0', '');
  if (text.length > MAX_REJECTED_RAW) text = `${text.slice(0, MAX_REJECTED_RAW)}… [${text.length} characters, truncated]`;
  return line([rowNumber, null, reason, text, ...new Array<null>(COLUMNS.length - 4).fill(null)]);
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * One batch of COPY text, written line by line into ~1 MB Buffers. Concatenating into a
 * string made a rope that kept every field string of its rows alive until the chunk was
 * encoded (two batches of ropes were most of an earlier 500 MiB peak), and flattening it
 * for the encoding cost more than writing each line straight into the Buffer.
 */
export class StageBatch {
  readonly chunks: Buffer[] = [];
  rows = 0;
  private current = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  add(line: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8, so this much room always fits the line.
    const room = line.length * 3;
    if (this.current.length - this.used < room) {
      this.close();
      this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
    }
    this.used += this.current.write(line, this.used, 'utf8');
    this.rows++;
  }

  /** The chunks, closing the one being filled. */
  seal(): Buffer[] {
    this.close();
    this.current = Buffer.alloc(0);
    return this.chunks;
  }

  private close(): void {
    if (this.used > 0) this.chunks.push(this.current.subarray(0, this.used));
    this.used = 0;
  }
}

/** COPYs one batch into the (emptied) staging table, honouring backpressure. */
export async function copyIntoStage(client: pg.PoolClient, chunks: Buffer[]): Promise<void> {
  await client.query(`TRUNCATE ${STAGE_TABLE}`);
  const stream = client.query(copyStreams.from(COPY_STAGE_SQL));
  // once() rejects if the stream emits 'error' first (the server refused a row).
  const finished = once(stream, 'finish');
  finished.catch(() => undefined);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
  }
  stream.end();
  await finished;
}
