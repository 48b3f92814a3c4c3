// A purchased list is text. An archive, a workbook, an image or any other binary sent
// as one is refused from its first bytes, with what it looks like, before a campaign is
// created for it. UTF-16 (NUL in every other byte) is text and goes on to the importer.
import { open } from 'node:fs/promises';

const HEAD_BYTES = 64 * 1024;

const SIGNATURES: { magic: Buffer; what: string }[] = [
  { magic: Buffer.from('PK\x03\x04', 'latin1'), what: 'a ZIP archive (an .xlsx workbook is one too): export the sheet as CSV' },
  { magic: Buffer.from('PK\x05\x06', 'latin1'), what: 'an empty ZIP archive' },
  { magic: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive: decompress it first' },
  { magic: Buffer.from('BZh', 'latin1'), what: 'a bzip2 archive: decompress it first' },
  { magic: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), what: 'an xz archive: decompress it first' },
  { magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: 'a 7-Zip archive' },
  { magic: Buffer.from('Rar!', 'latin1'), what: 'a RAR archive' },
  { magic: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), what: 'an old Office document (.xls): export the sheet as CSV' },
  { magic: Buffer.from('%PDF', 'latin1'), what: 'a PDF document' },
  { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]), what: 'a PNG image' },
  { magic: Buffer.from([0xff, 0xd8, 0xff]), what: 'a JPEG image' },
  { magic: Buffer.from('GIF8', 'latin1'), what: 'a GIF image' },
  { magic: Buffer.from([0x7f, 0x45, 0x4c, 0x46]), what: 'an executable' },
];

/** NULs on one parity only, as UTF-16 text of mostly ASCII has them. */
function looksLikeUtf16(head: Buffer): boolean {
  const start = head[0] === 0xff || head[0] === 0xfe ? 2 : 0;
  let even = 0;
  let odd = 0;
  for (let i = start; i < head.length; i++) if (head[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const pairs = (head.length - start) / 2;
  return Math.max(even, odd) >= pairs * 0.3 && Math.min(even, odd) <= Math.max(even, odd) * 0.05;
}

/** Why these first bytes are not a CSV list, or null when they may be one. */
export function refuseNonText(head: Buffer): string | null {
  if (head.length === 0) return 'the file is empty';
  const signature = SIGNATURES.find((s) => head.subarray(0, s.magic.length).equals(s.magic));
  if (signature) return `the file is ${signature.what}, not a CSV list`;
  const nul = head.indexOf(0);
  if (nul >= 0 && !looksLikeUtf16(head)) return `the file is binary (a NUL byte at offset ${nul}), not a CSV list`;
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0) control++;
  if (control > head.length * 0.05) return `the file is binary (${control} control bytes in its first ${head.length}), not a CSV list`;
  return null;
}

export async function refuseNonTextFile(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return refuseNonText(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
