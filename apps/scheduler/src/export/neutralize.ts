// Spreadsheet formula injection: a cell that starts with one of these is evaluated by
// Excel, LibreOffice and Google Sheets. Prefixing a quote makes it text; the stored
// value stays verbatim (OWASP "CSV Injection").
const FORMULA_PREFIX = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_PREFIX.test(value) ? `'${value}` : value;
}
