import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { CRM_COLUMNS, type CrmCell, type CrmLayout } from './crm.columns.ts';
import type { CrmRecord } from './crm.records.ts';
import { neutralizeCell, QUOTE_FOREIGN_SEPARATORS } from './neutralize.ts';

export function crmHeader(layout: CrmLayout): string[] {
  return CRM_COLUMNS[layout].map((c) => c.header);
}

/** Text is neutralised against formula injection; numbers stay numeric; unknown is empty. */
export function crmRow(layout: CrmLayout, r: CrmRecord): (string | number)[] {
  return CRM_COLUMNS[layout].map((c) => cell(c.value(r)));
}

function cell(v: CrmCell): string | number {
  if (v === null) return '';
  return typeof v === 'number' ? v : neutralizeCell(v);
}

/** UTF-8 CSV with CRLF line ends, which both importers accept. Returns the row count. */
export async function writeCrmCsv(records: AsyncIterable<CrmRecord>, layout: CrmLayout, out: Writable): Promise<number> {
  const csv = stringify({ header: true, columns: crmHeader(layout), record_delimiter: 'windows', quoted_match: QUOTE_FOREIGN_SEPARATORS });
  csv.pipe(out, { end: false });
  let count = 0;
  for await (const r of records) {
    if (!csv.write(crmRow(layout, r))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}
