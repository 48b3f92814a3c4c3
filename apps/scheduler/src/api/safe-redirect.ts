// Where the login form may send a browser afterwards: a path on this server, decided the
// way the browser will read it. A prefix test on the raw string is not enough: browsers
// drop TABs and newlines and read `\` as `/`, so `/\evil.example` and `/<TAB>/evil.example`
// are `//evil.example` to them, another host.
const PROBE_ORIGIN = 'http://x.invalid';

/** Raw or percent-encoded control characters and backslashes: never in a path we hand back. */
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

/** `next` if it names a path on this origin, else `/`. The result is the parser's own serialisation. */
export function safeRedirectPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || SUSPICIOUS.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can fold into a scheme-relative `//host` (`/.//evil.example`).
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
