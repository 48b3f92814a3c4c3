// `prospector import FILE --campaign NAME`: stream the list through normalisation into a
// staging table with COPY, then merge it in one transaction. Memory stays flat whatever
// the file size (no array grows with the row count), and an import either lands whole
// or not at all; the file's sha256 makes running it twice a no-op.
import { basename } from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import type pg from 'pg';
import { readRecords, toCsvLine } from './csv-records.ts';
import { scanFile, type FileScan } from './encoding.ts';
import { detectColumns, ImportHeaderError, type HeaderInfo } from './headers.ts';
import { CREATE_CANDIDATES_SQL } from './import-candidates.ts';
import { CREATE_BUSINESS_SQL } from './import-identity.ts';
import { CREATE_NEW_SQL, mergeStage, type MergeCounts } from './import-merge.ts';
import { REPORTED_ISSUES, type ImportSummary, type RowIssue } from './import-summary.ts';
import { normalizeRecord, type NormalizeContext } from './normalize.ts';
import { PhoneNormalizer } from './phone.ts';
import { copyIntoStage, CREATE_STAGE_SQL, rejectedLine, rowLine, StageBatch } from './staging.ts';

export { formatImportSummary, rowsLostToParseErrors, type ImportSummary, type RowIssue } from './import-summary.ts';
export { ImportHeaderError } from './headers.ts';
export { ImportEncodingError } from './encoding.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ImportListOptions {
  pool: pg.Pool;
  campaign: string;
  file: string;
  /** `--map column=field` overrides, column header → field name. */
  map?: Record<string, string>;
  /** ISO 3166 alpha-2 for phone numbers without a country code; default US. */
  defaultCountry?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** Namespace of the per-campaign advisory lock that serialises merges. */
export const IMPORT_LOCK_NAMESPACE = 0x494d5054;

interface StreamResult {
  rowsRead: number;
  rejected: RowIssue[];
  rejectedCount: number;
  warnings: RowIssue[];
  warningCount: number;
  unreadableRows: number;
  linesUnread: number;
}

async function ensureCampaign(pool: pg.Pool, name: string): Promise<number> {
  const result = await pool.query<{ id: number }>(
    'INSERT INTO "Campaign" (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id',
    [name],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error(`campaign ${name} could not be created`);
  return id;
}

interface PreviousRun {
  rowsRead: number;
  rejected: number;
}

async function findImportRun(db: pg.Pool | pg.PoolClient, campaignId: number, sha256: string): Promise<PreviousRun | null> {
  const result = await db.query<PreviousRun>(
    'SELECT "rowsRead", rejected FROM "ImportRun" WHERE "campaignId" = $1 AND "fileSha256" = $2',
    [campaignId, sha256],
  );
  return result.rows[0] ?? null;
}

async function alreadyImported(db: pg.Pool | pg.PoolClient, campaignId: number, scan: FileScan, previous: PreviousRun): Promise<ImportSummary> {
  const rejected = await db.query<RowIssue>(
    'SELECT "rowNumber", reason FROM "RejectedRow" WHERE "campaignId" = $1 AND "fileSha256" = $2 ORDER BY "rowNumber" LIMIT $3',
    [campaignId, scan.sha256, REPORTED_ISSUES],
  );
  return {
    campaignId, fileSha256: scan.sha256, encoding: scan.encoding, rowsRead: previous.rowsRead,
    prospectsCreated: 0, mergedDuplicates: 0, mergedByPhoneAndName: 0, mergedByNameAndPostalCode: 0, sharedPhoneKeptApart: 0,
    knownBusinesses: 0, rejected: rejected.rows, rejectedCount: previous.rejected,
    warnings: [], warningCount: 0, unreadableRows: 0, linesUnread: 0, alreadyImported: true,
  };
}

/**
 * Prospects of this file that share their phone number with another prospect of the
 * campaign: kept apart because their names (or postal codes) differ. Reported so that a
 * list full of shared main lines shows as such instead of silently collapsing or not.
 * `campaignWasEmpty`: the campaign had no prospect when this import took its lock. Only
 * imports create prospects and they hold that lock, so every prospect of the campaign is
 * then one of this file's, and one grouping of the campaign's phones answers: the general
 * query probes two indexes per prospect of the file (11 s of a 1M-row import).
 */
async function countSharedPhoneKeptApart(client: pg.PoolClient, campaignId: number, sha256: string, campaignWasEmpty: boolean): Promise<number> {
  const result = campaignWasEmpty
    ? await client.query<{ n: number }>(
      `SELECT COALESCE(sum(n), 0)::integer AS n FROM (
         SELECT count(*) AS n FROM "Prospect" WHERE "campaignId" = $1 AND phone IS NOT NULL GROUP BY phone HAVING count(*) > 1) shared`,
      [campaignId],
    )
    : await client.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM "Prospect" p
       WHERE p."campaignId" = $1 AND p.phone IS NOT NULL
         AND p.id IN (SELECT "prospectId" FROM "SourceRow" WHERE "campaignId" = $1 AND "fileSha256" = $2)
         AND EXISTS (SELECT 1 FROM "Prospect" q WHERE q."campaignId" = $1 AND q.phone = p.phone AND q.id <> p.id)`,
      [campaignId, sha256],
    );
  return result.rows[0]?.n ?? 0;
}

function pushIssue(list: RowIssue[], rowNumber: number, reason: string): void {
  if (list.length < REPORTED_ISSUES) list.push({ rowNumber, reason });
}

/** Rows per COPY + merge round: big enough to amortise a round, small enough to keep memory flat. */
const BATCH_ROWS = 50_000;

/**
 * Rows normalised between two returns to the event loop. Buffered records are consumed in
 * microtasks, so without this the merge's replies sat unread for a whole read chunk
 * (~100 ms) after each of its ~15 statements, leaving Postgres idle between them.
 */
const YIELD_EVERY_ROWS = 256;

/**
 * Merges batch k while batch k+1 is being parsed: on two cores Node's parsing and
 * Postgres's inserts then overlap. At most one batch waits, so memory stays bounded.
 */
class BatchMerger {
  readonly counts: MergeCounts = { accepted: 0, created: 0, merged: 0, mergedByPhoneAndName: 0, mergedByNameAndPostalCode: 0, knownBusinesses: 0, rejected: 0 };
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient, private readonly campaignId: number, private readonly sha256: string) {}

  async submit(batch: StageBatch): Promise<void> {
    await this.inFlight;
    const chunks = batch.seal();
    this.inFlight = this.run(chunks);
    this.inFlight.catch(() => undefined);
  }

  private async run(chunks: Buffer[]): Promise<void> {
    await copyIntoStage(this.client, chunks);
    chunks.length = 0;
    const c = await mergeStage(this.client, this.campaignId, this.sha256);
    this.counts.accepted += c.accepted;
    this.counts.created += c.created;
    this.counts.merged += c.merged;
    this.counts.mergedByPhoneAndName += c.mergedByPhoneAndName;
    this.counts.mergedByNameAndPostalCode += c.mergedByNameAndPostalCode;
    this.counts.knownBusinesses += c.knownBusinesses;
    this.counts.rejected += c.rejected;
  }

  /** Waits for the last batch; `settle` also swallows its error (the caller is already failing). */
  async drain(settle = false): Promise<void> {
    if (settle) await this.inFlight.catch(() => undefined);
    else await this.inFlight;
  }
}

/** Reads and normalises every row, handing batches to the merger. */
async function streamBatches(merger: BatchMerger, scan: FileScan, options: ImportListOptions): Promise<StreamResult> {
  const result: StreamResult = { rowsRead: 0, rejected: [], rejectedCount: 0, warnings: [], warningCount: 0, unreadableRows: 0, linesUnread: 0 };
  const country = (options.defaultCountry ?? 'US').toUpperCase();
  const phone = new PhoneNormalizer(country as CountryCode);
  let ctx: NormalizeContext | null = null;
  let batch = new StageBatch();
  const onBytes = (bytesRead: number): void => options.onProgress?.({ bytesRead, totalBytes: scan.bytes, rows: result.rowsRead });
  for await (const event of readRecords({ file: options.file, encoding: scan.encoding, delimiter: scan.delimiter, onBytes })) {
    if (ctx === null) {
      if (event.kind === 'error') throw new ImportHeaderError(`the header row cannot be read: ${event.reason}`);
      ctx = { header: headerOf(event.fields, options.map), phone, country };
      continue;
    }
    result.rowsRead++;
    const outcome = event.kind === 'record' ? normalizeRecord(event.fields, event.rowNumber, ctx) : { ok: false as const, reason: event.reason };
    if (outcome.ok) {
      batch.add(rowLine(outcome.row));
      if (outcome.row.notes.length > 0) {
        result.warningCount++;
        pushIssue(result.warnings, event.rowNumber, outcome.row.notes.join('; '));
      }
    } else {
      const raw = event.kind === 'record' ? toCsvLine(event.fields, scan.delimiter) : event.raw;
      if (event.kind === 'error') {
        result.unreadableRows++;
        result.linesUnread += event.linesUnread;
      }
      batch.add(rejectedLine(event.rowNumber, outcome.reason, raw));
      result.rejectedCount++;
      pushIssue(result.rejected, event.rowNumber, outcome.reason);
    }
    if (result.rowsRead % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (batch.rows >= BATCH_ROWS) {
      await merger.submit(batch);
      batch = new StageBatch();
    }
  }
  if (ctx === null) throw new ImportHeaderError('the file is empty: no header row');
  if (batch.rows > 0) await merger.submit(batch);
  await merger.drain();
  return result;
}

function headerOf(cells: string[], map: Record<string, string> | undefined): HeaderInfo {
  return detectColumns(cells.map((c) => c.replaceAll('\0', '')), map);
}

/** Imports a purchased list into a campaign (created if missing). */
export async function importList(options: ImportListOptions): Promise<ImportSummary> {
  const scan = await scanFile(options.file);
  const campaignId = await ensureCampaign(options.pool, options.campaign);
  const previous = await findImportRun(options.pool, campaignId, scan.sha256);
  if (previous !== null) return alreadyImported(options.pool, campaignId, scan, previous);
  const client = await options.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    // Hash aggregates over a million keys spill to disk at the 4 MB default.
    await client.query("SET LOCAL work_mem = '256MB'");
    // Row estimates on fresh temp tables are rough; JIT then spends ~1 s compiling each merge.
    await client.query('SET LOCAL jit = off');
    // Only this transaction's ANALYZEs of its temp tables read this: each batch's ANALYZE
    // then samples 3,000 rows instead of 30,000 (of 50,000), plenty for the row counts and
    // distinct estimates its hash joins need (2.4 s of a 1M-row import at the default).
    await client.query('SET LOCAL default_statistics_target = 10');
    await client.query(CREATE_STAGE_SQL);
    await client.query(CREATE_NEW_SQL);
    await client.query(CREATE_BUSINESS_SQL);
    for (const sql of CREATE_CANDIDATES_SQL) await client.query(sql);
    // Held to commit: one import per campaign at a time, so batches see a stable campaign.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK_NAMESPACE, campaignId]);
    const raced = await findImportRun(client, campaignId, scan.sha256);
    if (raced !== null) {
      await client.query('ROLLBACK');
      return await alreadyImported(client, campaignId, scan, raced);
    }
    const campaignWasEmpty = (await client.query('SELECT 1 FROM "Prospect" WHERE "campaignId" = $1 LIMIT 1', [campaignId])).rowCount === 0;
    const merger = new BatchMerger(client, campaignId, scan.sha256);
    const streamed = await streamBatches(merger, scan, options).catch(async (error: unknown) => {
      await merger.drain(true);
      throw error;
    });
    const counts = merger.counts;
    const keptApart = await countSharedPhoneKeptApart(client, campaignId, scan.sha256, campaignWasEmpty);
    await client.query(
      `INSERT INTO "ImportRun" ("campaignId", "fileSha256", "fileName", encoding, "rowsRead", created, merged, rejected)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [campaignId, scan.sha256, basename(options.file), scan.encoding, streamed.rowsRead, counts.created, counts.merged, counts.rejected],
    );
    await client.query('COMMIT');
    options.onProgress?.({ bytesRead: scan.bytes, totalBytes: scan.bytes, rows: streamed.rowsRead });
    return {
      campaignId, fileSha256: scan.sha256, encoding: scan.encoding, rowsRead: streamed.rowsRead,
      prospectsCreated: counts.created, mergedDuplicates: counts.merged, mergedByPhoneAndName: counts.mergedByPhoneAndName,
      mergedByNameAndPostalCode: counts.mergedByNameAndPostalCode, sharedPhoneKeptApart: keptApart,
      knownBusinesses: counts.knownBusinesses, rejected: streamed.rejected,
      rejectedCount: streamed.rejectedCount, warnings: streamed.warnings, warningCount: streamed.warningCount,
      unreadableRows: streamed.unreadableRows, linesUnread: streamed.linesUnread, alreadyImported: false,
    };
  } catch (error) {
    // A failed ROLLBACK means the connection itself is gone: do not return it to the pool.
    await client.query('ROLLBACK').catch(() => { broken = true; });
    throw error;
  } finally {
    client.release(broken);
  }
}
