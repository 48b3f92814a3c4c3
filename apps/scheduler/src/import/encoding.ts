// Encoding and shape of a purchased list, found in one pass over the bytes that also
// hashes the file (the hash is the idempotency key, so the pass is needed anyway).
// Checking the WHOLE file for valid UTF-8, not a sample, means a single cp1252 byte
// at row 900,000 cannot turn into silent mojibake.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import iconv from 'iconv-lite';

export type ListEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | '\t' | ';' | '|';

export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: ListEncoding;
  delimiter: Delimiter;
}

const SNIFF_BYTES = 64 * 1024;

/** The BOM decides first; otherwise strict UTF-8 if every byte sequence is valid, else windows-1252. */
export function encodingFromBom(head: Buffer): ListEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Detects the encoding of a whole buffer (for small inputs and tests). */
export function detectEncoding(bytes: Buffer): ListEncoding {
  const checker = new Utf8Checker();
  checker.push(bytes);
  return encodingFromBom(bytes) ?? (checker.finish() ? 'utf-8' : 'windows-1252');
}

/** Incremental strict UTF-8 validation across chunk boundaries. */
class Utf8Checker {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;

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
  const checker = new Utf8Checker();
  const headParts: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    checker.push(chunk);
    bytes += chunk.length;
    if (headLength < SNIFF_BYTES) {
      headParts.push(chunk.subarray(0, SNIFF_BYTES - headLength));
      headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
    }
  }
  const head = Buffer.concat(headParts);
  const encoding = encodingFromBom(head) ?? (checker.finish() ? 'utf-8' : 'windows-1252');
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
