import { parsePhoneNumberFromString } from 'libphonenumber-js';
const v = (d: string) => { const p = parsePhoneNumberFromString(d, 'US'); return p?.isValid() ? p.number : null; };
let mism6 = 0, n = 0, valid = 0;
for (let i = 0; i < 60000; i++) {
  const d = String(2000000000 + Math.floor(Math.random() * 8000000000));
  const other = d.slice(0, 6) + String(Math.floor(Math.random() * 10000)).padStart(4, '0');
  const a = v(d), b = v(other);
  n++; if (a) valid++;
  if ((a === null) !== (b === null) || (a !== null && a !== '+1' + d)) mism6++;
}
console.log({ n, valid, mism6 });
