import { parse } from 'csv-parse';
async function run(label: string, input: string, extra: object = {}) {
  const p = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true, skip_records_with_error: true, record_delimiter: ['\r\n', '\n', '\r'], ...extra,
    on_skip: (err, raw) => { console.log('  SKIP', err?.code, err?.message.slice(0,100), JSON.stringify(raw?.slice(0,60)), (err as any)?.records, (err as any)?.lines); return undefined; } });
  console.log(label);
  p.on('error', (e) => console.log('  ERROR', (e as any).code, e.message.slice(0, 120)));
  p.end(input);
  try { for await (const r of p) console.log('  REC', r.info.records, r.info.lines, JSON.stringify(r.record).slice(0, 80), JSON.stringify(r.raw).slice(0,40)); } catch (e: any) { console.log('  THROW', e.code, e.message.slice(0,100)); }
}
await run('mixed', 'a,b\r\n1,"x,\r\ny"\r\n\r\n2,3\n4,5\r6,7');
await run('space before quote', 'a,b\n1, "x"\n2,3\n');
await run('after closing', 'a,b\n1,"x" ,y\n2,3\n4,"5"\n');
await run('after closing2', 'a,b\n1,"x"y\n2,3\n4,"5"\n');
await run('nul', 'a,b\n1,\0\0\n2,3\n');
