import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, RecordGuard, type UnreadableRecord } from './record-guard.ts';

/** Runs text through the guard (in chunks of `chunk` characters) and csv-parse as the reader does. */
async function guarded(text: string, limit: number, chunk = text.length): Promise<{ records: string[][]; unreadable: UnreadableRecord[] }> {
  const guard = new RecordGuard(',', limit);
  const parser = parse({ record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += chunk) pieces.push(text.slice(i, i + chunk));
  const records: string[][] = [];
  parser.on('data', (r: string[]) => records.push(r));
  await pipeline(Readable.from(pieces, { objectMode: false }), guard, parser);
  return { records, unreadable: guard.unreadable };
}

const ROWS_AFTER = 'Acme,1 Main\r\nBolt,"2 Main, Suite ""B"""\r\nCarr,3 Main\r\n';
/** Rows without quotes: after an unterminated quote, any later quote would close it. */
const PLAIN_ROWS_AFTER = 'Acme,1 Main\r\nBolt,2 Main\r\nCarr,3 Main\r\n';

describe('RecordGuard', () => {
  it.each([1, 7, 1000])('skips an oversized unquoted record to its line end and reads on (chunks of %i)', async (chunk) => {
    const { records, unreadable } = await guarded(`Name,Address\r\nHuge ${'x'.repeat(300)},0 Main\r\n${ROWS_AFTER}`, 100, chunk);
    expect(records).toEqual([['Name', 'Address'], [PLACEHOLDER], ['Acme', '1 Main'], ['Bolt', '2 Main, Suite "B"'], ['Carr', '3 Main']]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.reason).toMatch(/record of 312 characters \(limit 100\): skipped/);
    expect(unreadable[0]!.head.startsWith('Huge xxx')).toBe(true);
  });

  it.each([1, 13, 1000])('skips an oversized quoted field holding separators, quotes and line ends to its real end (chunks of %i)', async (chunk) => {
    const field = `"${'ab,\r\n""c'.repeat(50)}"`;
    const { records, unreadable } = await guarded(`Name,Address\n${field},0 Main\n${ROWS_AFTER}`, 100, chunk);
    expect(records).toEqual([['Name', 'Address'], [PLACEHOLDER], ['Acme', '1 Main'], ['Bolt', '2 Main, Suite "B"'], ['Carr', '3 Main']]);
    expect(unreadable[0]!.linesUnread).toBe(0);
  });

  it('cuts a record whose quote never closes at its first line end, and reads the rows after it', async () => {
    const { records, unreadable } = await guarded(`Name,Address\nOpen,"1 Main\n${PLAIN_ROWS_AFTER}`, 1000, 5);
    expect(records).toEqual([['Name', 'Address'], [PLACEHOLDER], ['Acme', '1 Main'], ['Bolt', '2 Main'], ['Carr', '3 Main']]);
    expect(unreadable[0]!.reason).toMatch(/unterminated quoted field: the record was cut/);
    expect(unreadable[0]!.head).toBe('Open,"1 Main');
  });

  it('counts the lines an oversized unterminated quote swallowed', async () => {
    const { records, unreadable } = await guarded(`Name,Address\nOpen,"${'y'.repeat(200)}\n${PLAIN_ROWS_AFTER}`, 100, 9);
    expect(records).toEqual([['Name', 'Address'], [PLACEHOLDER]]);
    expect(unreadable[0]!.linesUnread).toBe(4);
    expect(unreadable[0]!.reason).toMatch(/the 4 lines after this row could not be read/);
  });

  it('passes a well-formed file through unchanged', async () => {
    const text = `Name,Address\r\n${ROWS_AFTER}"Multi\nline",x`;
    const { records, unreadable } = await guarded(text, 1000, 3);
    expect(unreadable).toEqual([]);
    expect(records.at(-1)).toEqual(['Multi\nline', 'x']);
    expect(records).toHaveLength(5);
  });
});
