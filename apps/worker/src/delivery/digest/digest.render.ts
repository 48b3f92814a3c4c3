// A digest as plain text and as a hand-written HTML table. Every value from the data is
// escaped: business names come from a purchased list and may hold markup.
import type { DigestContent, DigestRow, DigestSection } from './digest.content.ts';

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
  rows: number;
}

export function renderDigest(campaign: string, team: string | null, content: DigestContent, unsubscribeUrl: string): RenderedDigest {
  const rows = content.sections.reduce((n, s) => n + s.rows.length, 0);
  const who = team ? ` for ${team}` : '';
  const counts = content.sections.map((s) => SUBJECT_COUNTS[s.key](s.rows.length));
  const subject = `Prospector digest${who} — ${campaign}: ${counts.length ? counts.join(', ') : '0 new leads'}`;
  const text = [
    `${subject}`,
    '',
    ...content.sections.flatMap((s) => [s.title, ...s.rows.map(textRow), '']),
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1 style="font-size:18px">${escapeHtml(subject)}</h1>`,
    ...content.sections.map(
      (s) =>
        `<h2 style="font-size:15px">${escapeHtml(s.title)}</h2><table border="1" cellpadding="4" cellspacing="0">` +
        '<thead><tr><th>Business</th><th>Place</th><th>Tier</th><th>Score</th><th>ISP</th><th>Domain</th><th>What</th></tr></thead><tbody>' +
        s.rows.map(htmlRow).join('') +
        '</tbody></table>',
    ),
    `<p><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p></body></html>`,
  ].join('\n');
  return { subject, text, html, rows };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const SUBJECT_COUNTS: Record<DigestSection['key'], (n: number) => string> = {
  'new-leads': (n) => plural(n, 'new lead', 'new leads'),
  'passed-back': (n) => `${n} passed back`,
  changes: (n) => plural(n, 'change', 'changes'),
  stale: (n) => `${n} stale`,
};

function textRow(r: DigestRow): string {
  const note = r.note ? `\n  ${r.note}` : '';
  return `- [${r.tier} ${r.score}] ${r.name} (${r.place || 'no place'})${r.isp ? ` — ISP ${r.isp}` : ''}${r.domain ? ` — ${r.domain}` : ''}${note}\n  ${r.url}`;
}

function htmlRow(r: DigestRow): string {
  const cells = [r.place, r.tier, String(r.score), r.isp ?? '', r.domain ?? '', r.note ?? ''].map((c) => `<td>${escapeHtml(c)}</td>`).join('');
  return `<tr><td><a href="${escapeHtml(r.url)}">${escapeHtml(r.name)}</a></td>${cells}</tr>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
