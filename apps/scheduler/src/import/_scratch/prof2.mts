import { readRecords } from '../csv-records.ts';
import { scanFile } from '../encoding.ts';
import { detectColumns } from '../headers.ts';
import { normalizeRecord } from '../normalize.ts';
import { PhoneNormalizer } from '../phone.ts';
import { rowLine } from '../staging.ts';
const file = '/tmp/imp/list.csv';
let t = performance.now();
const scan = await scanFile(file);
console.log('scan', (performance.now() - t).toFixed(0), scan.encoding, scan.delimiter);
t = performance.now();
let n = 0;
for await (const e of readRecords({ file, encoding: scan.encoding, delimiter: scan.delimiter })) n++;
console.log('parse', (performance.now() - t).toFixed(0), n);
t = performance.now();
let ctx: any = null; let len = 0;
const phone = new PhoneNormalizer('US');
for await (const e of readRecords({ file, encoding: scan.encoding, delimiter: scan.delimiter })) {
  if (e.kind !== 'record') continue;
  if (!ctx) { ctx = { header: detectColumns(e.fields), phone, country: 'US' }; continue; }
  const o = normalizeRecord(e.fields, e.rowNumber, ctx);
  if (o.ok) len += rowLine(o.row).length;
}
console.log('parse+normalize+line', (performance.now() - t).toFixed(0), len);
