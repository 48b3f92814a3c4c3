// Encoding and shape of a purchased list, found in one pass over the bytes that also
// hashes the file (the hash is the idempotency key, so the pass is needed anyway).
// Checking the WHOLE file for valid UTF-8, not a sample, means a single cp1252 byte
// at row 900,000 cannot turn into silent mojibake.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { ImportHeaderError } from './headers.ts';

export type ListEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | '\t' | ';' | '|';

export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: ListEncoding;
  delimiter: Delimiter;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * A list the file's bytes cannot be decoded as, with the reason. An ImportHeaderError, so
 * that whoever refuses an unreadable list (the CLI, the upload route) refuses this alike.
 */
export class ImportEncodingError extends ImportHeaderError {
  override readonly name = 'ImportEncodingError';
}

/**
 * UTF-16 without a BOM, told by where its NUL bytes fall: a list is mostly ASCII, and
 * ASCII in UTF-16LE is `A 00`, in UTF-16BE `00 A`. Thresholds: text in cp1252 or UTF-8 has
 * no NUL at all, and a UTF-16 list, even with accented names, has one in almost every
 * other byte; between the two lies binary data or UTF-32, which is refused below.
 */
const UTF16_NUL_SHARE = 0.3;
const OTHER_PARITY_MAX_SHARE = 0.02;
/** More NUL bytes than this share of the head, in no UTF-16 pattern: not text. */
const NUL_SHARE_NOT_TEXT = 0.05;

export function encodingFromNulPattern(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs === 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs >= UTF16_NUL_SHARE && evenNul / pairs <= OTHER_PARITY_MAX_SHARE) return 'utf-16le';
  if (evenNul / pairs >= UTF16_NUL_SHARE && oddNul / pairs <= OTHER_PARITY_MAX_SHARE) return 'utf-16be';
  const share = (evenNul + oddNul) / head.length;
  if (share > NUL_SHARE_NOT_TEXT) {
    throw new ImportEncodingError(
      `the file is not text in a supported encoding: ${(share * 100).toFixed(0)}% of its first ${head.length} bytes are NUL, in no UTF-16 pattern (UTF-32 or a binary file?); save the list as CSV in UTF-8`,
    );
  }
  return null;
}

/** UTF-16 decided by the head (BOM or NUL pattern), or null for the 8-bit encodings. */
function utf16Of(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const bom = encodingFromBom(head);
  if (bom === 'utf-16le' || bom === 'utf-16be') return bom;
  if (bom === 'utf-8-bom') return null;
  return encodingFromNulPattern(head);
}

/** The BOM decides first, then the NUL pattern of UTF-16; otherwise strict UTF-8 if every byte sequence is valid, else windows-1252. */
export function encodingFromBom(head: Buffer): ListEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Detects the encoding of a whole buffer (for small inputs and tests). */
export function detectEncoding(bytes: Buffer): ListEncoding {
  const utf16 = utf16Of(bytes.subarray(0, SNIFF_BYTES));
  const checker = new StrictChecker(utf16 ?? 'utf-8');
  checker.push(bytes);
  return settleEncoding(bytes, utf16, checker.finish());
}

/** The encoding, once the whole file has been checked; a file that looks UTF-16 but is not valid UTF-16 is refused. */
function settleEncoding(head: Buffer, utf16: 'utf-16le' | 'utf-16be' | null, valid: boolean): ListEncoding {
  if (utf16 === null) return encodingFromBom(head) ?? (valid ? 'utf-8' : 'windows-1252');
  if (!valid) {
    const how = encodingFromBom(head) === utf16 ? 'its byte-order mark' : 'NUL in every other byte';
    throw new ImportEncodingError(
      `the file looks like ${utf16.toUpperCase()} (${how}) but is not valid ${utf16.toUpperCase()} (odd length or a broken surrogate pair); save the list as CSV in UTF-8`,
    );
  }
  return utf16;
}

/** Incremental strict validation (UTF-8 or UTF-16) across chunk boundaries. */
class StrictChecker {
  private readonly decoder: TextDecoder;
  private valid = true;

  constructor(encoding: 'utf-8' | 'utf-16le' | 'utf-16be') {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  push(chunk: Buffer): void {
    if (!this.valid) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  finish(): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

/** The separator used most in the header line: purchased lists come as CSV, TSV or pipe-separated. */
export function sniffDelimiter(headerLine: string): Delimiter {
  const candidates: Delimiter[] = [',', '\t', ';', '|'];
  let best: Delimiter = ',';
  let bestCount = 0;
  let inQuotes = false;
  const counts = new Map<string, number>();
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  for (const c of candidates) {
    const n = counts.get(c) ?? 0;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

function firstLine(head: Buffer, encoding: ListEncoding): string {
  const text = iconv.decode(head, iconvName(encoding), { stripBOM: true });
  const end = text.search(/\r|\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** Reads the file once: sha256, size, encoding and delimiter. */
export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash('sha256');
  // The first chunk holds the whole sniffed head (chunks are larger), so UTF-16 is known
  // before the first byte is validated, and the whole file is checked in that encoding.
  let head: Buffer | null = null;
  let utf16: 'utf-16le' | 'utf-16be' | null = null;
  let checker: StrictChecker | null = null;
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (checker === null) {
      head = Buffer.from(chunk.subarray(0, SNIFF_BYTES));
      utf16 = utf16Of(head);
      checker = new StrictChecker(utf16 ?? 'utf-8');
    }
    hash.update(chunk);
    checker.push(chunk);
    bytes += chunk.length;
  }
  head ??= Buffer.alloc(0);
  const encoding = settleEncoding(head, utf16, checker?.finish() ?? true);
  return { sha256: hash.digest('hex'), bytes, encoding, delimiter: sniffDelimiter(firstLine(head, encoding)) };
}

function iconvName(encoding: ListEncoding): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

/**
 * A bytes → string transform. iconv-lite rather than Node's TextDecoder: on Node 20/22
 * the built-in windows-1252 decoder maps 0x80–0x9F to C1 controls, losing € and “ ”.
 */
export function createDecodeStream(encoding: ListEncoding): Transform {
  return iconv.decodeStream(iconvName(encoding), { stripBOM: true }) as unknown as Transform;
}
