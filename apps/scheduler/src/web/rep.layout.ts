// Shared parts of the reps' pages: escaping, the page frame, the strict CSP. No script
// runs on these pages and no style is inline: every byte comes from this server.
export const REP_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface Viewer {
  label: string;
  role: string;
}

export function page(title: string, viewer: Viewer | null, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Prospector</title><link rel="stylesheet" href="/my/app.css"></head>
<body><header class="top"><strong>Prospector</strong><a href="/my/queue">My queue</a>${viewer ? `<span class="who">${esc(viewer.label)} · ${esc(viewer.role)}</span>` : ''}</header>
<main>${body}</main></body></html>`;
}

/** A refusal the person can read: 403 says whose lead it is not, 404 that it does not exist. */
export function errorPage(status: number, message: string, viewer: Viewer | null): string {
  const title = status === 403 ? 'Not your team’s lead' : status === 404 ? 'No such lead' : status === 409 ? 'Not possible now' : 'Something is wrong with the request';
  return page(title, viewer, `<h1>${esc(title)}</h1><p class="alert" role="alert" data-status="${status}">${esc(message)}</p><p><a href="/my/queue">Back to my queue</a></p>`);
}

export const percent = (c: number | null) => (c === null ? '' : `${Math.round(c * 100)}% confident`);
