// Who a simulated business is: name, place, phone and size. No Internet footprint here.
import type { Rng } from './prng.ts';
import { ADJECTIVES, CITIES, INDUSTRIES, LEGAL_SUFFIXES, PLACE_WORDS, STREETS, SURNAMES, type City, type Industry } from './region.data.ts';

export interface Identity {
  name: string;
  /** Name without the legal suffix: what a domain or a search would use. */
  coreName: string;
  industry: Industry;
  city: City;
  zip: string;
  street: string;
  phone: string;
  employees: number;
  revenue: number;
}

const CITY_WEIGHTS = Object.fromEntries(CITIES.map((c, i) => [String(i), c.weight])) as Record<string, number>;

function coreNameFor(rng: Rng, industry: Industry, city: City): string {
  const surname = rng.pick(SURNAMES);
  switch (rng.int(0, 5)) {
    case 0: return `${surname}'s ${industry.word}`;
    case 1: return `${surname} ${industry.word}`;
    case 2: return `${rng.pick(PLACE_WORDS)} ${industry.word}`;
    case 3: return `${rng.pick(ADJECTIVES)} ${industry.word}`;
    case 4: return `${surname} & ${rng.pick(SURNAMES.filter((s) => s !== surname))} ${industry.word}`;
    default: return `${city.name} ${industry.word}`;
  }
}

/** Employees 1..1000, most businesses tiny (a skewed log scale). */
function employeesFor(rng: Rng): number {
  return Math.max(1, Math.min(1000, Math.floor(Math.exp(Math.pow(rng.next(), 1.8) * Math.log(1000)))));
}

export function phoneNumber(rng: Rng, areaCode: string, taken: Set<string>): string {
  for (;;) {
    const exchange = rng.int(200, 989);
    if (exchange % 100 === 11 || exchange === 555) continue;
    const phone = `+1${areaCode}${exchange}${String(rng.int(0, 9999)).padStart(4, '0')}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

export function generateIdentity(rng: Rng, phones: Set<string>): Identity {
  const city = CITIES[Number(rng.weighted(CITY_WEIGHTS))] ?? CITIES[0]!;
  const industry = rng.pick(INDUSTRIES);
  const coreName = coreNameFor(rng, industry, city);
  const employees = employeesFor(rng);
  return {
    name: coreName + rng.pick(LEGAL_SUFFIXES),
    coreName,
    industry,
    city,
    zip: rng.pick(city.zips),
    street: `${rng.int(10, 9899)} ${rng.pick(STREETS)}`,
    phone: phoneNumber(rng, rng.pick(city.areaCodes), phones),
    employees,
    revenue: Math.round((employees * rng.int(60, 260)) / 5) * 5000,
  };
}

/** "Miller's Plumbing" → "millersplumbing": the domain a reader would guess. */
export function nameSlug(coreName: string): string {
  return coreName.toLowerCase().replaceAll('&', 'and').replace(/[^a-z0-9]/g, '');
}

/** A domain nobody would guess from the name (initials, abbreviations). */
export function unguessableLabel(rng: Rng, identity: Identity): string {
  const initials = identity.coreName.split(/\s+/).map((w) => w.replace(/[^A-Za-z]/g, '')[0] ?? '').join('').toLowerCase();
  const variants = [
    `${initials}${identity.city.name.toLowerCase().replace(/\s/g, '').slice(0, 4)}`,
    `${initials}ohio`,
    `${initials}${identity.industry.word.toLowerCase().replace(/[^a-z]/g, '').slice(0, 5)}pros`,
    `the${initials}group`,
    `${initials}-${rng.int(10, 99)}`,
  ];
  return rng.pick(variants);
}
