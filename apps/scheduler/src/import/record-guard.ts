// Finds record boundaries ahead of csv-parse so that one bad record cannot take the rest
// of the file with it. csv-parse, given a record longer than its max_record_size, throws
// and cannot resynchronise: a 50 MB field made the 138 rows after it rejected. This
// transform follows the same quoting rules (a quote opens a field only at its start, `""`
// is a quote, a lone quote closes the field: csv-parse with relax_quotes), holds back the
// record being read, and:
// - a record longer than the limit is read to its real end without being kept, and
//   replaced by a one-field placeholder record carrying its reason;
// - a quoted field still open at the end of the file is cut at its first line end (the
//   lines after it are read as the rows they most likely are), as a placeholder too.
// Placeholders keep the record count, so row numbers stay those of the file.
import { Transform, type TransformCallback } from 'node:stream';

/** The one field of a placeholder record: noncharacters, never found in a real list. */
export const PLACEHOLDER = '\uFDD0unreadable record\uFDD0';

export interface UnreadableRecord {
  reason: string;
  /** The record's first characters, kept with the rejected row. */
  head: string;
  /** Physical lines after the record that could not be read at all (an unterminated quote). */
  linesUnread: number;
}

const HEAD_CHARS = 2000;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

export class RecordGuard extends Transform {
  /** Placeholders emitted, in file order, for the reader to pair with PLACEHOLDER records. */
  readonly unreadable: UnreadableRecord[] = [];
  private readonly delimiter: number;
  /** The record being read (always from its start), held back until its end is seen. */
  private pending = '';
  private state: State = 'fieldStart';
  /** Offset in the record where the open quoted field began, while 'quoted'. */
  private quoteOpenedAt = -1;
  private skipping: { length: number; head: string; lines: number } | null = null;

  constructor(delimiter: string, private readonly maxRecordChars: number) {
    // Object mode on the readable side passes our strings on as they are (with an encoding set,
    // every string pushed was encoded to bytes and decoded back).
    super({ decodeStrings: false, readableObjectMode: true });
    this.delimiter = delimiter.charCodeAt(0);
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.scan(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.skipping !== null) {
      const s = this.skipping;
      this.skipping = null;
      this.placeholder(
        `record of more than ${s.length} characters in an unterminated quoted field (limit ${this.maxRecordChars}): it runs to the end of the file, so the ${s.lines} lines after this row could not be read`,
        s.head,
        s.lines,
      );
    } else if (this.state === 'quoted') {
      this.recoverUnterminated();
    } else if (this.pending !== '') {
      this.push(this.pending);
    }
    this.pending = '';
    done();
  }

  /** A quoted field open at the end of the file: cut its record at the first line end after the quote, read the rest again. */
  private recoverUnterminated(): void {
    const record = this.pending;
    const from = this.quoteOpenedAt;
    this.pending = '';
    this.state = 'fieldStart';
    const found = record.slice(from).search(/\r\n|\n|\r/);
    if (found === -1) {
      this.placeholder('unterminated quoted field on the last line of the file', record.slice(0, HEAD_CHARS), 0);
      return;
    }
    const cut = from + found;
    this.placeholder(
      'unterminated quoted field: the record was cut at its first line end and the lines after it were read as rows',
      record.slice(0, Math.min(cut, HEAD_CHARS)),
      0,
    );
    this.scan(record.slice(cut + (record.startsWith('\r\n', cut) ? 2 : 1)));
    if (this.inQuotedField()) this.recoverUnterminated();
    else if (this.pending !== '') this.push(this.pending);
    this.pending = '';
  }

  private inQuotedField(): boolean {
    return this.state === 'quoted';
  }

  private placeholder(reason: string, head: string, linesUnread: number): void {
    this.unreadable.push({ reason, head, linesUnread });
    this.push(`${PLACEHOLDER}\n`);
  }

  /** Walks a chunk, forwarding every complete record and holding back the incomplete one. */
  private scan(chunk: string): void {
    let text = chunk;
    let i = 0;
    let recordStart = 0;
    if (this.skipping !== null) {
      i = this.skip(text, 0);
      if (this.skipping !== null) return;
      recordStart = i;
    } else if (this.pending !== '') {
      text = this.pending + chunk;
      i = this.pending.length;
      this.pending = '';
    }
    let forwardedTo = recordStart;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      const endsRecord = (c === LF || c === CR) && this.state !== 'quoted';
      if (endsRecord) {
        this.state = 'fieldStart';
        recordStart = i + 1;
      } else {
        this.step(c, i - recordStart);
        if (i + 1 - recordStart > this.maxRecordChars) {
          if (recordStart > forwardedTo) this.push(text.slice(forwardedTo, recordStart));
          const head = text.slice(recordStart, recordStart + HEAD_CHARS);
          this.skipping = { length: i + 1 - recordStart, head, lines: 0 };
          i = this.skip(text, i + 1);
          if (this.skipping !== null) return;
          recordStart = forwardedTo = i;
          continue;
        }
      }
      i++;
    }
    if (recordStart > forwardedTo) this.push(text.slice(forwardedTo, recordStart));
    this.pending = text.slice(recordStart);
  }

  /** One character that is not a record's line end, at `offset` in its record. */
  private step(c: number, offset: number): void {
    switch (this.state) {
      case 'fieldStart':
        if (c === QUOTE) {
          this.state = 'quoted';
          this.quoteOpenedAt = offset;
        } else if (c !== this.delimiter) this.state = 'unquoted';
        break;
      case 'unquoted':
        if (c === this.delimiter) this.state = 'fieldStart';
        break;
      case 'quoted':
        if (c === QUOTE) this.state = 'quoteInQuoted';
        break;
      case 'quoteInQuoted':
        if (c === QUOTE) this.state = 'quoted';
        else this.state = c === this.delimiter ? 'fieldStart' : 'unquoted';
        break;
    }
  }

  /**
   * Consumes an oversized record from `from` up to its line end, under the same quoting
   * rules, and emits its placeholder. Returns the index after the line end, or the
   * chunk's length with `skipping` still set when the record goes on.
   */
  private skip(text: string, from: number): number {
    const s = this.skipping as { length: number; head: string; lines: number };
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c === LF || c === CR) && this.state !== 'quoted') {
        this.skipping = null;
        this.state = 'fieldStart';
        this.placeholder(`record of ${s.length} characters (limit ${this.maxRecordChars}): skipped, reading went on at the next record`, s.head, 0);
        return i + 1;
      }
      if (c === LF) s.lines++;
      s.length++;
      this.step(c, 0);
    }
    return text.length;
  }
}
