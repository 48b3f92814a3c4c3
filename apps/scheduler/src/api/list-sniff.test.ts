import { describe, expect, it } from 'vitest';
import { refuseNonText } from './list-sniff.ts';

const CSV = 'Company Name,City,Phone\r\nAcme,Columbus,614-555-0100\r\n';

describe('refuseNonText', () => {
  it.each([
    ['UTF-8', Buffer.from(CSV)],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
    ['Windows-1252', Buffer.from('Company Name,City\r\nCaf\xe9 R\xe9my,Qu\xe9bec\r\n', 'latin1')],
    ['UTF-16LE without a BOM', Buffer.from(CSV, 'utf16le')],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV, 'utf16le').swap16()])],
  ])('lets %s through', (_what, bytes) => {
    expect(refuseNonText(bytes)).toBeNull();
  });

  it('refuses a NUL inside otherwise ASCII text, naming its offset', () => {
    expect(refuseNonText(Buffer.from(`${CSV}\0${CSV}`))).toBe(`the file is binary (a NUL byte at offset ${CSV.length}), not a CSV list`);
  });

  it('refuses text dense with control bytes', () => {
    expect(refuseNonText(Buffer.from('\x01\x02\x03\x04abc\x05\x06,\x07\x08'.repeat(50), 'latin1'))).toMatch(/control bytes/);
  });
});
