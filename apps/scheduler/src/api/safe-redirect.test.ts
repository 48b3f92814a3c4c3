import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect.ts';

const APP = 'https://app.example';
/** Where a browser goes with this Location: WHATWG URL parsing is what browsers do. */
const browserOrigin = (location: string) => new URL(location, APP).origin;

const BYPASSES = [
  '/\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '//evil.example',
  '///evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/x/..//evil.example',
  'https://evil.example',
  'HTTPS://evil.example',
  'http:evil.example',
  'https:/evil.example',
  '//evil.example@app.example',
  'javascript:alert(1)',
  'evil.example',
  ' //evil.example',
  '/%09/evil',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%0d%0aSet-Cookie:%20x=1',
  '/\u0000/evil.example',
  '',
];

describe('safeRedirectPath', () => {
  it.each(BYPASSES)('sends %j home, on this origin', (next) => {
    const path = safeRedirectPath(next);
    expect(path).toBe('/');
    expect(browserOrigin(path)).toBe(APP);
  });

  it.each(['/', '/campaigns/acme/report', '/api/campaigns?cursor=10&limit=5', '/campaigns/a%20b/report#top', '/%2F%2Fevil.example'])('keeps the same-origin path %j', (next) => {
    const path = safeRedirectPath(next);
    expect(path).toBe(next);
    expect(browserOrigin(path)).toBe(APP);
  });

  it('refuses what is not a string or is too long', () => {
    expect(safeRedirectPath(undefined)).toBe('/');
    expect(safeRedirectPath(['/a'])).toBe('/');
    expect(safeRedirectPath(`/${'a'.repeat(5000)}`)).toBe('/');
  });
});
