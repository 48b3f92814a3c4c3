// A file of corrections (columns: externalId or prospectId, field, value, note, by) read into
// inputs. Header names are matched loosely ("External ID", "prospect_id"); a row that cannot
// become an input is rejected with its row number, and the others go on.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { CorrectionInput, RejectedCorrection } from './correction.service.ts';

export interface CorrectionFile {
  inputs: CorrectionInput[];
  /** CSV row number (the header is row 1) of each input. */
  rowNumbers: number[];
  rejected: RejectedCorrection[];
}

const key = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');
const COLUMN_ALIASES: Record<string, string[]> = {
  externalId: ['externalid', 'recordid'],
  prospectId: ['prospectid', 'id'],
  field: ['field'],
  value: ['value'],
  note: ['note', 'notes'],
  by: ['by', 'correctedby'],
};

export class CorrectionFileError extends Error {}

export async function readCorrectionFile(file: string, defaultBy: string | null): Promise<CorrectionFile> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new CorrectionFileError(`${file}: not a readable CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  const [header, ...body] = rows;
  if (!header) throw new CorrectionFileError(`${file}: empty file`);
  const index = columnIndex(header);
  if (index.field === undefined || index.value === undefined) throw new CorrectionFileError(`${file}: the header needs "field" and "value" columns (got ${header.join(', ')})`);
  if (index.externalId === undefined && index.prospectId === undefined) throw new CorrectionFileError(`${file}: the header needs an "externalId" or "prospectId" column`);
  const out: CorrectionFile = { inputs: [], rowNumbers: [], rejected: [] };
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (name: string) => (index[name] === undefined ? '' : (cells[index[name]!] ?? '').trim());
    const externalId = cell('externalId');
    const prospectId = cell('prospectId');
    const by = cell('by') || defaultBy || '';
    let prospect: CorrectionInput['prospect'];
    if (externalId) prospect = { externalId };
    else if (/^\d+$/.test(prospectId)) prospect = { id: Number(prospectId) };
    else {
      out.rejected.push({ row, reason: prospectId ? `prospect id "${prospectId}" is not a number` : 'no externalId or prospect id' });
      return;
    }
    out.inputs.push({ prospect, field: cell('field'), value: cell('value'), note: cell('note') || null, by });
    out.rowNumbers.push(row);
  });
  return out;
}

function columnIndex(header: string[]): Record<string, number | undefined> {
  const found: Record<string, number | undefined> = {};
  header.forEach((name, i) => {
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) {
      if (aliases.includes(key(name)) && found[column] === undefined) found[column] = i;
    }
  });
  return found;
}
