// Which column holds which field. Purchased lists (Data Axle, D&B, ZoomInfo exports…)
// name the same thing a dozen ways, so headers are compared after dropping case, spaces
// and punctuation, against synonyms listed best-first.

export const FIELD_NAMES = [
  'name', 'address', 'city', 'region', 'postalCode', 'phone', 'website', 'email',
  'employees', 'revenue', 'industryCode', 'recordId',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Column index per field; a field with no column is absent. */
export type ColumnMap = Partial<Record<FieldName, number>>;

export interface HeaderInfo {
  /** Header cells as given, trimmed (unique: a repeated header gets " #2"). */
  headers: string[];
  columns: ColumnMap;
}

/** Earlier synonyms win when several columns match one field ("Company Name" over "Name"). */
const SYNONYMS: Record<FieldName, string[]> = {
  name: ['Company Name', 'Business Name', 'Company', 'Name', 'Legal Name', 'Organization', 'Organization Name', 'DBA Name'],
  address: ['Address', 'Street', 'Street Address', 'Address Line 1', 'Address 1', 'Address1', 'Location Address', 'Mailing Address'],
  city: ['City', 'Town', 'Location City', 'Mailing City'],
  region: ['State', 'Region', 'Province', 'State Code', 'State Abbreviation', 'ST', 'Location State', 'Mailing State'],
  postalCode: ['ZIP Code', 'Zip', 'Postal Code', 'ZIP5', 'Postcode', 'ZIP5 Code', 'Location ZIP Code', 'Mailing ZIP Code'],
  phone: ['Phone', 'Phone Number', 'Phone Number Combined', 'Telephone', 'Telephone Number', 'Main Phone', 'Business Phone'],
  website: ['Website', 'URL', 'Web Address', 'Web Site', 'Website URL', 'Domain', 'Homepage'],
  email: ['Email', 'Contact Email', 'E-mail', 'Email Address', 'Business Email'],
  employees: ['Employee Size - Actual', 'Employees', 'Employee Count', 'Location Employee Size Actual', 'Number of Employees', 'Employee Size'],
  revenue: ['Location Sales Volume', 'Revenue', 'Sales', 'Annual Sales', 'Location Sales Volume Actual', 'Sales Volume', 'Annual Revenue'],
  industryCode: ['SIC', 'NAICS', 'Primary SIC Code', 'SIC Code', 'NAICS Code', 'Primary NAICS Code', 'SIC Code 1'],
  recordId: ['Record ID', 'ID', 'DUNS', 'ABI Number', 'ABI', 'DUNS Number', 'Record Number'],
};

export class ImportHeaderError extends Error {
  override readonly name: string = 'ImportHeaderError';
}

/** "Employee Size - Actual" → "employeesizeactual"; "E-mail" → "email". */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const SYNONYM_RANK = new Map<string, { field: FieldName; rank: number }>();
for (const field of FIELD_NAMES) {
  SYNONYMS[field].forEach((synonym, rank) => {
    const key = headerKey(synonym);
    if (!SYNONYM_RANK.has(key)) SYNONYM_RANK.set(key, { field, rank });
  });
}

export function isFieldName(value: string): value is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(value);
}

function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const base = cell.trim() === '' ? `column ${i + 1}` : cell.trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/** Applies `--map column=field` overrides; an unknown column or field is an error, not a silent no-op. */
function applyOverrides(headers: string[], columns: ColumnMap, map: Record<string, string>): void {
  for (const [column, field] of Object.entries(map)) {
    if (!isFieldName(field)) {
      throw new ImportHeaderError(`--map ${column}=${field}: unknown field "${field}" (fields: ${FIELD_NAMES.join(', ')})`);
    }
    const index = headers.findIndex((h) => headerKey(h) === headerKey(column));
    if (index === -1) {
      throw new ImportHeaderError(`--map ${column}=${field}: no column "${column}" (headers: ${headers.join(', ')})`);
    }
    for (const other of FIELD_NAMES) if (columns[other] === index) delete columns[other];
    columns[field] = index;
  }
}

/** Maps header cells to fields; throws ImportHeaderError when no business-name column exists. */
export function detectColumns(cells: string[], map: Record<string, string> = {}): HeaderInfo {
  const headers = uniqueHeaders(cells);
  const columns: ColumnMap = {};
  const bestRank = new Map<FieldName, number>();
  headers.forEach((header, index) => {
    const hit = SYNONYM_RANK.get(headerKey(header));
    if (hit === undefined) return;
    const previous = bestRank.get(hit.field);
    if (previous !== undefined && previous <= hit.rank) return;
    bestRank.set(hit.field, hit.rank);
    columns[hit.field] = index;
  });
  applyOverrides(headers, columns, map);
  if (columns.name === undefined) {
    throw new ImportHeaderError(
      `no business-name column found; headers seen: ${headers.map((h) => JSON.stringify(h)).join(', ')}. ` +
        `Name one with --map "<column>=name" (recognised: ${SYNONYMS.name.join(', ')})`,
    );
  }
  return { headers, columns };
}
