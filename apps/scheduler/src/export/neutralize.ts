// Spreadsheet formula injection: a cell that starts with one of `= + - @` is evaluated by
// Excel, LibreOffice and Google Sheets (OWASP "CSV Injection"). The cell a spreadsheet
// sees is not always the cell we wrote: opened in a semicolon locale, or split with
// "text to columns" on tab or pipe, or by a reader that ignores quotes and breaks rows
// at line ends, `Acme;=1+1` becomes the two cells `Acme` and `=1+1`. So every fragment
// that follows any separator a spreadsheet may split on is defused too, not only the
// cell's start. A quote before the trigger makes it text; quotes and spaces in front of
// it (`; "=1+1"`) do not, so they are looked through. The stored value stays verbatim.

/** Characters a spreadsheet may split a line or a cell on. */
export const SPREADSHEET_SEPARATORS = ',;\t|\r\n';

/** A formula trigger at the start of the value or right after a separator (through spaces and quotes). */
const FRAGMENT_FORMULA = /(^|[,;\t|\r\n])([ "]*[=+\-@])/g;

/** TAB and CR at the very start are triggers of their own (OWASP). */
const LEADING_CONTROL = /^[\t\r]/;

export function neutralizeCell(value: string): string {
  const defused = value.replace(FRAGMENT_FORMULA, "$1'$2");
  return LEADING_CONTROL.test(defused) ? `'${defused}` : defused;
}

/**
 * For csv-stringify's `quoted_match`: a text field holding a separator other than the
 * file's comma is quoted too, so a reader using that separator still keeps it in one cell.
 */
export const QUOTE_FOREIGN_SEPARATORS = /[;\t|]/;
