import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createDecodeStream } from '../encoding.ts';
const file = '/tmp/imp/list.csv';
async function run(label: string, opts: object, decode = true) {
  const t = performance.now(); let n = 0;
  const p = parse(opts as any);
  const src = createReadStream(file, { highWaterMark: 256 * 1024 });
  if (decode) src.pipe(createDecodeStream('utf-8')).pipe(p); else src.pipe(p);
  for await (const r of p) n++;
  console.log(label, (performance.now() - t).toFixed(0), n);
}
await run('plain', {});
await run('plain nodecode', {}, false);
await run('rd array', { record_delimiter: ['\r\n', '\n', '\r'] });
await run('relax', { relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
await run('maxrec', { max_record_size: 16 * 1024 * 1024 });
await run('raw', { raw: true });
await run('skip', { skip_records_with_error: true });
