// The response headers and markup each real platform is recognised by.
import { hashString } from './prng.ts';

export interface Fingerprint {
  headers: Record<string, string>;
  head: string[];
  bodyEnd: string[];
}

const hex = (seed: string, len: number): string => {
  let out = '';
  for (let i = 0; out.length < len; i++) out += hashString(`${seed}:${i}`).toString(16).padStart(8, '0');
  return out.slice(0, len);
};

export function hostFingerprint(webHost: string, host: string): Fingerprint {
  const id = hex(host, 16);
  switch (webHost) {
    case 'squarespace':
      return { headers: { server: 'Squarespace', 'x-contextid': `${id.slice(0, 8)}/${id.slice(8)}` }, head: ['<!-- This is Squarespace. -->', `<link rel="stylesheet" href="https://static1.squarespace.com/static/versioned-site-css/${id}/site.css">`], bodyEnd: ['<script src="https://assets.squarespace.com/universal/scripts-compressed/common-vendors.js"></script>'] };
    case 'wix':
      return { headers: { server: 'Pepyaka', 'x-wix-request-id': `${Date.now()}.${hashString(host)}`, 'x-seen-by': id }, head: ['<meta name="generator" content="Wix.com Website Builder">', '<link rel="preconnect" href="https://static.parastorage.com">'], bodyEnd: [`<img src="https://static.wixstatic.com/media/${id}~mv2.jpg" alt="">`] };
    case 'shopify':
      return { headers: { server: 'cloudflare', 'x-shopid': String(hashString(host) % 90000000), 'x-shopify-stage': 'production', 'cf-ray': `${id}-ORD`, 'powered-by': 'Shopify' }, head: [`<link rel="stylesheet" href="https://cdn.shopify.com/s/files/1/0${hashString(host) % 999}/theme.css">`], bodyEnd: ['<script>window.Shopify = window.Shopify || {}; Shopify.theme = {"name":"Dawn"};</script>'] };
    case 'godaddy':
      return { headers: { server: 'DPS/2.0.0+sha-5e1e4e5', 'x-siteid': `us-east-1` }, head: ['<meta name="generator" content="Starfield Technologies; Go Daddy Website Builder 8.0.0000">', '<link rel="preconnect" href="https://img1.wsimg.com">'], bodyEnd: [`<img src="https://img1.wsimg.com/isteam/ip/${id}/logo.png" alt="">`] };
    case 'wordpress-com':
      return { headers: { server: 'nginx', 'host-header': 'WordPress.com', 'x-ac': '3.ord _dca MISS' }, head: ['<link rel="dns-prefetch" href="//s0.wp.com">'], bodyEnd: ['<script src="https://s0.wp.com/wp-content/js/bilmur.min.js"></script>'] };
    case 'bluehost':
    case 'hostgator':
      return { headers: { server: 'Apache', 'x-endurance-cache-level': '2', 'x-nginx-cache': 'WordPress' }, head: [], bodyEnd: [] };
    case 'siteground':
      return { headers: { server: 'nginx', 'x-proxy-cache': 'MISS', 'x-proxy-cache-info': 'W 0 NC:100000 UP:SKIP_CACHE_SET_COOKIE' }, head: [], bodyEnd: [] };
    case 'wp-engine':
      return { headers: { server: 'nginx', 'x-powered-by': 'WP Engine', 'wpe-backend': 'apache', 'x-cacheable': 'SHORT' }, head: [], bodyEnd: [] };
    case 'aws':
      return { headers: { server: 'AmazonS3', 'x-amz-cf-pop': 'ORD58-P3', 'x-amz-cf-id': `${id}==`, via: `1.1 ${id}.cloudfront.net (CloudFront)`, 'x-cache': 'Miss from cloudfront' }, head: [], bodyEnd: [] };
    case 'cloudflare':
      return { headers: { server: 'cloudflare', 'cf-ray': `${id}-CMH`, 'cf-cache-status': 'DYNAMIC' }, head: [], bodyEnd: ['<script defer src="/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js"></script>'] };
    default:
      return { headers: { server: hashString(host) % 2 === 0 ? 'Apache/2.4.41 (Ubuntu)' : 'Microsoft-IIS/10.0' }, head: [], bodyEnd: [] };
  }
}

export function cmsMarkup(cms: string | null, ecommerce: string | null): { headers: Record<string, string>; head: string[]; body: string[] } {
  const out = { headers: {} as Record<string, string>, head: [] as string[], body: [] as string[] };
  if (cms === 'wordpress') {
    out.head.push('<meta name="generator" content="WordPress 6.5.2">', '<link rel="stylesheet" href="/wp-content/themes/astra/style.css?ver=4.6.4">', '<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>');
    out.headers['link'] = '</wp-json/>; rel="https://api.w.org/"';
  }
  if (cms === 'joomla') out.head.push('<meta name="generator" content="Joomla! - Open Source Content Management">', '<script src="/media/system/js/core.min.js"></script>');
  if (cms === 'drupal') {
    out.head.push('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">', '<script src="/core/misc/drupal.js"></script>');
    out.headers['x-generator'] = 'Drupal 10 (https://www.drupal.org)';
  }
  if (ecommerce === 'woocommerce') out.body.push('<div class="woocommerce"><ul class="products columns-4"><li class="product type-product">Featured</li></ul></div>', '<link rel="stylesheet" href="/wp-content/plugins/woocommerce/assets/css/woocommerce.css">');
  if (ecommerce === 'bigcommerce') out.body.push('<script src="https://cdn11.bigcommerce.com/s-abc123/stencil/theme-bundle.main.js"></script>', '<div data-stencil-component="product">Shop</div>');
  if (ecommerce === 'magento') out.body.push('<script type="text/x-magento-init">{"*":{"Magento_Theme/js/theme":{}}}</script>', '<link rel="stylesheet" href="/static/version1712/frontend/Magento/luma/en_US/css/styles-m.css">');
  if (ecommerce === 'squarespace-commerce') out.body.push('<div class="sqs-add-to-cart-button-wrapper"><div class="sqs-add-to-cart-button">Add To Cart</div></div>');
  if (ecommerce === 'wix-stores') out.body.push('<div data-hook="product-list" class="wixstores-product-gallery">Shop</div><script src="https://static.parastorage.com/services/wixstores-client-gallery-app/1.0/app.bundle.min.js"></script>');
  return out;
}
