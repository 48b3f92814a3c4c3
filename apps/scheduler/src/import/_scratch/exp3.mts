import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as pmin } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as pmax } from 'libphonenumber-js/max';
import { getDomain } from 'tldts';
import { nameKey } from '@prospector/agents/names/business-name.ts';
import iconv from 'iconv-lite';
const N = 100000;
const phones = Array.from({ length: N }, (_, i) => `(${200 + (i % 700)}) ${String(200 + (i % 799)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')}`);
for (const [label, f] of [['default', parsePhoneNumberFromString], ['min', pmin], ['max', pmax]] as const) {
  let t = performance.now(); let valid = 0;
  for (const p of phones) { const r = f(p, 'US'); if (r?.isValid()) { valid++; r.number; } }
  console.log(label, (performance.now() - t).toFixed(0), 'ms', valid);
}
let t = performance.now();
for (let i = 0; i < N; i++) getDomain(`http://www.business${i}.com/page`);
console.log('tldts', (performance.now() - t).toFixed(0));
t = performance.now();
for (let i = 0; i < N; i++) nameKey(`The Business Number ${i} Plumbing, L.L.C.`);
console.log('nameKey', (performance.now() - t).toFixed(0));
console.log(iconv.decode(Buffer.from([0x80, 0x93, 0x94, 0x92]), 'windows-1252'), new TextDecoder('windows-1252').decode(Buffer.from([0x80, 0x93, 0x94])));
console.log(pmin('415-555-2671','US')?.number, pmin('+44 20 7946 0958','US')?.number, pmin('555-1234','US')?.isValid(), pmin('1 (800) 555-0199 ext 12','US')?.number, pmin('(212) 555-0100','US')?.isValid());
