import pg from 'pg';
import { createTestDatabase } from '../../../../../test/helpers/test-db.ts';
import { importList } from '../import.service.ts';
import { writeSyntheticList } from '../list-generator.ts';
const rows = Number(process.argv[2] ?? 20000);
const file = '/tmp/imp/list.csv';
await writeSyntheticList(file, rows);
const db = await createTestDatabase('prof');
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const origConnect = pool.connect.bind(pool);
(pool as any).connect = async (...a: any[]) => { if (a.length) return origConnect(...a);
  const c = await origConnect(); if (process.env.EXPLAIN) { await c.query("LOAD 'auto_explain'"); await c.query("SET auto_explain.log_min_duration = 700"); await c.query('SET auto_explain.log_analyze = on'); }
  const q = c.query.bind(c);
  (c as any).query = (...args: any[]) => {
    const t = performance.now();
    const r = q(...args);
    if (r && typeof r.then === 'function') r.then(() => console.log(((performance.now() - t)/1000).toFixed(2), 's', String(args[0]).replace(/\s+/g, ' ').slice(0, 90)));
    else console.log('stream query started');
    return r;
  };
  return c;
};
const t = performance.now();
await importList({ pool, campaign: 'p', file });
console.log('total', ((performance.now() - t)/1000).toFixed(2));
await pool.end(); await db.drop();
