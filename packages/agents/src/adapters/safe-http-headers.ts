// The response headers worth keeping as evidence: those that name a host, CDN, platform or CMS.
// Everything else (and every cookie value) stays out of the database.

const EXACT = new Set([
  'server', 'x-powered-by', 'via', 'x-served-by', 'x-cache', 'x-cache-hits', 'x-cache-status', 'x-timer',
  'x-shopid', 'x-sorting-hat-shopid', 'x-github-request-id', 'x-request-id', 'x-varnish', 'x-generator',
  'x-pingback', 'x-redirect-by', 'x-hacker', 'host-header', 'x-hosted-by', 'x-host', 'x-proxy-cache',
  'x-turbo-charged-by', 'x-sucuri-id', 'x-sucuri-cache', 'x-fw-hash', 'x-fw-serve', 'x-fastly-request-id',
  'akamai-grn', 'x-akamai-transformed', 'x-cdn', 'x-edge-location', 'x-iinfo', 'x-wix-request-id',
  'content-type', 'content-language', 'location', 'link', 'x-frame-options', 'strict-transport-security',
  'alt-svc', 'x-ua-compatible', 'x-runtime', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-content-powered-by',
  'powered-by', 'wpe-backend', 'fastly-debug-digest', 'x-proxy-cache-info', 'x-endurance-cache-level', 'x-nginx-cache',
  'x-contextid', 'x-cacheable', 'x-ac',
]);

const PREFIXES = [
  'x-goog-', 'x-guploader-', 'x-squarespace-', 'x-shopify-', 'x-wix-', 'x-amz-', 'x-azure-', 'x-ms-',
  'x-akamai-', 'x-wpe-', 'x-kinsta-', 'x-bc-', 'x-magento-', 'x-nf-', 'x-vercel-', 'x-drupal-',
  'x-litespeed-', 'cf-', 'x-bluehost-', 'x-siteground-', 'x-godaddy-', 'x-gd-', 'x-hostgator-', 'x-do-',
  'x-render-', 'x-fly-', 'x-webflow-', 'x-lw-', 'x-sg-',
];

/** Values are cut: evidence, not storage. */
const MAX_VALUE_LENGTH = 256;

export type RawHeaders = Record<string, string | string[] | undefined>;

export function selectHeaders(headers: RawHeaders): Record<string, string> {
  const selected: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    if (name === 'set-cookie') {
      selected[name] = cut(cookieNames(rawValue).join(', '));
    } else if (EXACT.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix))) {
      selected[name] = cut(Array.isArray(rawValue) ? rawValue.join(', ') : rawValue);
    }
  }
  return selected;
}

export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function cookieNames(value: string | string[]): string[] {
  const cookies = Array.isArray(value) ? value : [value];
  return cookies.map((cookie) => cookie.split('=')[0]?.trim() ?? '').filter((name) => name.length > 0);
}

function cut(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
}
