// Reading a response body from a stranger: only text, decompressed by us so the cap applies to
// DECODED bytes (undici's maxResponseSize counts wire bytes and let a gzip bomb inflate to 50 MB,
// perf-reliability.md §8), then decoded to a string with the page's own charset.
import { isUtf8 } from 'node:buffer';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

const TEXT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'application/json']);
/** More than two stacked codings is no real server (CVE-2026-22036 abused long chains). */
const MAX_CODINGS = 2;
/** WHATWG prescan window for <meta charset>. */
const META_PRESCAN_BYTES = 1024;

export class BodyDecodeError extends Error {
  override readonly name = 'BodyDecodeError';
  readonly code = 'ERR_BODY_DECODE';
}

/** Whether a body of this type is worth reading. A missing type is read: small sites often omit it. */
export function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return TEXT_TYPES.has(mediaType);
}

/** Wraps the wire stream in the decoders named by Content-Encoding (outermost coding last). */
export function decodeContent(body: Readable, contentEncoding: string | undefined): Readable {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > MAX_CODINGS) throw new BodyDecodeError(`too many content codings: ${codings.length}`);
  if (codings.length === 0) return body;
  const decoders = codings.reverse().map(createDecoder);
  return pipeline([body, ...decoders], () => {
    // Errors surface on the last stream, where the reader sees them.
  }) as unknown as Readable;
}

function createDecoder(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  // Partial flushes let a truncated or capped stream still yield what it decoded so far.
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(options);
    case 'deflate':
      // zlib-wrapped or raw deflate, whichever the server chose.
      return zlib.createUnzip(options) as unknown as zlib.Inflate;
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new BodyDecodeError(`unsupported content coding: ${coding}`);
  }
}

export interface CappedBody {
  bytes: Buffer;
  truncated: boolean;
}

/** Reads until `maxBytes` decoded bytes, then stops the stream (and with it the socket). */
export async function readCapped(stream: Readable, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      const room = maxBytes - size;
      if (buffer.length >= room) {
        chunks.push(buffer.subarray(0, room));
        size += room;
        truncated = buffer.length > room || !stream.readableEnded;
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } finally {
    if (!stream.destroyed) {
      stream.on('error', () => undefined);
      stream.destroy();
    }
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}

/** BOM, then the HTTP charset, then <meta charset> in the first 1 KB, then UTF-8 if valid, else windows-1252. */
export function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const bom = sniffBom(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.length), bom.charset);
  const declared = charsetOf(contentType) ?? metaCharset(bytes);
  if (declared && iconv.encodingExists(declared)) return iconv.decode(bytes, normaliseCharset(declared));
  return iconv.decode(bytes, isUtf8(bytes) ? 'utf-8' : 'windows-1252');
}

function sniffBom(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

function charsetOf(contentType: string | undefined): string | null {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

function metaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, META_PRESCAN_BYTES).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase() ?? null;
}

/** WHATWG treats these labels as windows-1252, and pages that say latin-1 usually contain € and smart quotes. */
function normaliseCharset(label: string): string {
  return ['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'iso8859-1', 'l1'].includes(label) ? 'windows-1252' : label;
}
