// What an import did, as data (for the API) and as text (for the CLI).
import type { ListEncoding } from './encoding.ts';

export interface RowIssue {
  rowNumber: number;
  reason: string;
}

export interface ImportSummary {
  campaignId: number;
  fileSha256: string;
  encoding: ListEncoding;
  /** Data rows read (the header excluded), kept and rejected. */
  rowsRead: number;
  prospectsCreated: number;
  /** Kept rows that joined another row's prospect or a prospect already in the campaign. */
  mergedDuplicates: number;
  /** Of mergedDuplicates, by reason (stored per row as SourceRow."mergeReason"). */
  mergedByPhoneAndName: number;
  mergedByNameAndPostalCode: number;
  /** Prospects of this file sharing their phone with another prospect of the campaign, kept apart because the names differ. */
  sharedPhoneKeptApart: number;
  /** New prospects recognised as a business already stored (an earlier list in any campaign, or an earlier batch of this one): Prospect."businessId". */
  knownBusinesses: number;
  /** The first REPORTED_ISSUES rejected rows, in file order. */
  rejected: RowIssue[];
  rejectedCount: number;
  /** Kept rows where a value was dropped or repaired (invalid phone, NUL bytes…), first REPORTED_ISSUES. */
  warnings: RowIssue[];
  warningCount: number;
  /**
   * Rejected rows the parser could not read into fields (an oversized record, an
   * unterminated quote), and physical lines after them that could not be read at all.
   * Rows were lost to a parse error when either is non-zero (see rowsLostToParseErrors).
   */
  unreadableRows: number;
  linesUnread: number;
  /** True when this file (same sha256) was already imported into the campaign: nothing changed. */
  alreadyImported: boolean;
}

export const REPORTED_ISSUES = 100;

/** Whether the file itself was broken somewhere: the CLI then exits non-zero. */
export function rowsLostToParseErrors(summary: ImportSummary): boolean {
  return summary.unreadableRows > 0 || summary.linesUnread > 0;
}

function issueLines(title: string, issues: RowIssue[], total: number, limit: number): string[] {
  if (total === 0) return [];
  const shown = issues.slice(0, limit);
  const lines = [`${title} (${total}${total > shown.length ? `, first ${shown.length} shown` : ''}):`];
  for (const issue of shown) lines.push(`  row ${issue.rowNumber}: ${issue.reason}`);
  return lines;
}

/** Human-readable summary; `limit` caps the rejected/warning rows listed. */
export function formatImportSummary(summary: ImportSummary, limit = 20): string {
  const lines: string[] = [];
  if (summary.alreadyImported) {
    lines.push(`Already imported into campaign ${summary.campaignId} (sha256 ${summary.fileSha256.slice(0, 12)}…): nothing changed, 0 prospects created.`);
  }
  lines.push(
    `Encoding:           ${summary.encoding}`,
    `Rows read:          ${summary.rowsRead}`,
    `Prospects created:  ${summary.prospectsCreated}`,
    `Merged duplicates:  ${summary.mergedDuplicates}${summary.mergedDuplicates > 0 ? ` (same phone and name: ${summary.mergedByPhoneAndName}; same name and postal code: ${summary.mergedByNameAndPostalCode})` : ''}`,
    `Rejected rows:      ${summary.rejectedCount}`,
  );
  if (summary.knownBusinesses > 0) {
    lines.push(`Known businesses:   ${summary.knownBusinesses} new prospects are a business already stored (same phone and name, own domain, or name and postal code)`);
  }
  if (summary.sharedPhoneKeptApart > 0) {
    lines.push(`Shared phones:      ${summary.sharedPhoneKeptApart} prospects share a phone number with another business and were kept apart (names or postal codes differ)`);
  }
  if (rowsLostToParseErrors(summary)) {
    lines.push(`Unreadable rows:    ${summary.unreadableRows} (the CSV could not be parsed there; each is rejected below with its reason)${summary.linesUnread > 0 ? `, and ${summary.linesUnread} lines after them could not be read at all` : ''}`);
  }
  lines.push(...issueLines('Rejected', summary.rejected, summary.rejectedCount, limit));
  lines.push(...issueLines('Kept with warnings', summary.warnings, summary.warningCount, limit));
  return lines.join('\n');
}
