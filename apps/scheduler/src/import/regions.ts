// US states, DC and territories, plus Canadian provinces (lists often mix the two),
// so "Massachusetts", "mass." and "MA" all become "MA".

const REGIONS: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky',
  LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire',
  NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota',
  OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island',
  SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont',
  VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', VI: 'U.S. Virgin Islands', GU: 'Guam', AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador', NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut',
  ON: 'Ontario', PE: 'Prince Edward Island', QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/** Common spellings that are neither the code nor the full name. */
const ALIASES: Record<string, string> = {
  'washington dc': 'DC', 'washington d c': 'DC', 'd c': 'DC', 'virgin islands': 'VI',
  'us virgin islands': 'VI', 'newfoundland': 'NL', 'labrador': 'NL', 'quebec city': 'QC',
  'mass': 'MA', 'calif': 'CA', 'penn': 'PA', 'penna': 'PA', 'wash': 'WA', 'fla': 'FL', 'tex': 'TX',
  'ariz': 'AZ', 'colo': 'CO', 'conn': 'CT', 'mich': 'MI', 'minn': 'MN', 'wis': 'WI', 'wisc': 'WI',
  'ore': 'OR', 'okla': 'OK', 'tenn': 'TN', 'ill': 'IL', 'ind': 'IN', 'kans': 'KS', 'nebr': 'NE',
  'nev': 'NV', 'miss': 'MS', 'ala': 'AL', 'ark': 'AR', 'del': 'DE', 'ga': 'GA', 'ky': 'KY',
};

function regionKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

const LOOKUP = new Map<string, string>();
for (const [code, name] of Object.entries(REGIONS)) {
  LOOKUP.set(code.toLowerCase(), code);
  LOOKUP.set(regionKey(name), code);
}
for (const [alias, code] of Object.entries(ALIASES)) LOOKUP.set(alias, code);

/** Two-letter code for a known state/province name or abbreviation; anything else as given (trimmed). */
export function normalizeRegion(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return LOOKUP.get(regionKey(trimmed)) ?? trimmed;
}
