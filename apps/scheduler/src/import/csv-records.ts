// The list file as a stream of numbered records. Row numbers count physical CSV records
// (the header is row 1; a quoted field spanning lines is still one row), stamped in parse
// order so that skipped records keep their place.
import { createReadStream, type ReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { createDecodeStream, type Delimiter, type ListEncoding } from './encoding.ts';
import { PLACEHOLDER, RecordGuard } from './record-guard.ts';

/**
 * `error`: a record the parser could not read into fields (its fields are lost, its
 * first characters kept in `raw`); `linesUnread` physical lines after it were lost too.
 */
export type CsvEvent =
  | { kind: 'record'; rowNumber: number; fields: string[] }
  | { kind: 'error'; rowNumber: number; reason: string; raw: string; linesUnread: number };

export interface ReadRecordsOptions {
  file: string;
  encoding: ListEncoding;
  delimiter: Delimiter;
  /** Called with the file's read position, for progress bars. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Larger than any field we accept (64 KB) by far, so that a merely oversized field is read
 * and rejected by name (normalize.ts). A longer record is skipped to its end by the
 * RecordGuard, which keeps csv-parse from ever meeting it: past its own limit csv-parse
 * cannot resynchronise, and the rows after it were all lost.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

function describeError(err: CsvError | undefined): string {
  switch (err?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field: it runs to the end of the file, so nothing after this row could be read';
    case 'CSV_MAX_RECORD_SIZE':
      return `record longer than ${MAX_RECORD_CHARS} characters (unterminated quote?): the parser cannot find its end, so the rest of the file was not read`;
    default:
      return `unparseable record (${err?.code ?? 'unknown error'}: ${err?.message.slice(0, 200) ?? ''})`;
  }
}

/** Re-quotes parsed fields, for rejected rows (keeping csv-parse's `raw` costs ~15% of parse time). */
export function toCsvLine(fields: string[], delimiter: Delimiter): string {
  return fields.map((f) => (f.includes('"') || f.includes(delimiter) || /[\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(delimiter);
}

/** Parses the file; yields every record and every rejected record in file order. */
export async function* readRecords(options: ReadRecordsOptions): AsyncGenerator<CsvEvent> {
  // Skipped records are reported through a callback while later records may already be
  // buffered; each remembers how many records preceded it, to be yielded in its place.
  const skipped: { after: number; reason: string }[] = [];
  const parser = parse({
    delimiter: options.delimiter,
    // Mixed CRLF/LF/CR files are common once lists have been merged in different tools.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A stray quote inside an unquoted field (`Joe "Red" Smith`) is data, not an error;
    // properly quoted fields with separators and newlines still parse as usual.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Only a backstop: the guard already cut every record to MAX_RECORD_CHARS.
    max_record_size: 2 * MAX_RECORD_CHARS,
    on_skip: (err: CsvError | undefined) => {
      skipped.push({ after: parser.info.records, reason: describeError(err) });
      return undefined;
    },
  });
  const input: ReadStream = createReadStream(options.file, { highWaterMark: 256 * 1024 });
  const guard = new RecordGuard(options.delimiter, MAX_RECORD_CHARS);
  const feeding = pipeline(input, createDecodeStream(options.encoding), guard, parser);
  // Leaving the loop early destroys the parser and rejects `feeding`; that is not an error.
  feeding.catch(() => undefined);
  let records = 0;
  let rowNumber = 0;
  let lastReported = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      while ((skipped[0]?.after ?? Infinity) <= records) {
        yield { kind: 'error', rowNumber: ++rowNumber, reason: (skipped.shift() as { reason: string }).reason, raw: '', linesUnread: 0 };
      }
      records++;
      const unreadable = fields.length === 1 && fields[0] === PLACEHOLDER ? guard.unreadable.shift() : undefined;
      if (unreadable !== undefined) {
        yield { kind: 'error', rowNumber: ++rowNumber, reason: unreadable.reason, raw: unreadable.head, linesUnread: unreadable.linesUnread };
        continue;
      }
      yield { kind: 'record', rowNumber: ++rowNumber, fields };
      if (options.onBytes !== undefined && input.bytesRead - lastReported >= 1024 * 1024) {
        lastReported = input.bytesRead;
        options.onBytes(input.bytesRead);
      }
    }
    await feeding;
  } finally {
    input.destroy();
  }
  for (const skip of skipped) yield { kind: 'error', rowNumber: ++rowNumber, reason: skip.reason, raw: '', linesUnread: 0 };
  options.onBytes?.(input.bytesRead);
}
