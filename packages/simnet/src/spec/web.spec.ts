// Web hosts, site builders and clouds: the DNS a customer is told to publish, the network
// the pages are served from, and the headers and markup the pages carry. A builder often
// serves from a cloud or CDN it does not own (Framer, Strikingly and Jimdo on AWS): the
// careful answer is the builder, not the network underneath.
import type { SiteLookSpec, StackSpec, WebHostSpec } from './spec.types.ts';

const plain = (headers: Record<string, string>, httpsUpgrade = true): SiteLookSpec => ({ headers, head: [], bodyEnd: [], httpsUpgrade });
const generic: StackSpec = { kind: 'open', wordpress: 0.5, otherCms: 0.3, shops: { woocommerce: 0.6, magento: 0.2, prestashop: 0.1, opencart: 0.1, oscommerce: 0.05, zencart: 0.05, cscart: 0.05, xcart: 0.05, miva: 0.05, shift4shop: 0.05 } };
/** Independent and regional hosts: cPanel/Plesk shared hosting, where the long tail of shop software lives. */
const longTailHost: StackSpec = { kind: 'open', wordpress: 0.6, otherCms: 0.5, shops: { woocommerce: 0.2, prestashop: 0.05, opencart: 0.05, oscommerce: 0.1, zencart: 0.1, cscart: 0.1, xcart: 0.1, miva: 0.1, shift4shop: 0.1 } };
const wordpressHost: StackSpec = { kind: 'open', wordpress: 0.9, otherCms: 0.5, shops: { woocommerce: 1 } };

export const WEB_HOSTS: readonly WebHostSpec[] = [
  {
    id: 'squarespace', category: 'builder', name: 'Squarespace', domains: ['squarespace.com', 'sqsp.net', 'squarespace-cdn.com'],
    source: 'https://support.squarespace.com/hc/en-us/articles/205812378-Connecting-a-domain-to-your-Squarespace-site', network: 'squarespace',
    apex: { shared: [0, 1, 2, 3] }, www: 'ext-cust.squarespace.com',
    look: { headers: { server: 'Squarespace', 'x-contextid': '{a:8}/{a:8}' }, head: ['<!-- This is Squarespace. -->', '<link rel="stylesheet" href="https://static1.squarespace.com/static/versioned-site-css/{h:24}/site.css">'], bodyEnd: ['<script src="https://assets.squarespace.com/universal/scripts-compressed/common-vendors.js"></script>'], wwwCanonical: true, httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'squarespace', shop: 'squarespace-commerce' },
  },
  {
    id: 'wix', category: 'builder', name: 'Wix', domains: ['wix.com', 'wixdns.net', 'wixstatic.com', 'parastorage.com'],
    source: 'https://support.wix.com/en/article/connecting-a-domain-to-wix-using-the-pointing-method', network: 'wix',
    apex: { shared: [0] }, www: 'cdn1.wixdns.net',
    look: { headers: { server: 'Pepyaka', 'x-wix-request-id': '1712{d:9}.{d:9}', 'x-seen-by': '{h:16}' }, head: ['<meta name="generator" content="Wix.com Website Builder">', '<link rel="preconnect" href="https://static.parastorage.com">'], bodyEnd: ['<img src="https://static.wixstatic.com/media/{h:16}~mv2.jpg" alt="">'], wwwCanonical: true, httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'wix', shop: 'wix-stores' },
  },
  {
    id: 'shopify', category: 'builder', name: 'Shopify', domains: ['shopify.com', 'myshopify.com'],
    source: 'https://help.shopify.com/en/manual/domains/add-a-domain/connecting-domains/connect-domain-manual', network: 'cloudflare',
    apex: { shared: [10] }, www: 'shops.myshopify.com',
    look: { headers: { server: 'cloudflare', 'x-shopid': '{d:8}', 'x-shopify-stage': 'production', 'cf-ray': '{h:16}-ORD', 'powered-by': 'Shopify' }, head: ['<link rel="stylesheet" href="https://cdn.shopify.com/s/files/1/0{d:3}/theme.css">'], bodyEnd: ['<script>window.Shopify = window.Shopify || {}; Shopify.theme = {"name":"Dawn"};</script>'], wwwCanonical: true, httpsUpgrade: true },
    stack: { kind: 'platform', cms: null, shop: 'shopify' },
  },
  {
    id: 'godaddy-sites', category: 'builder', name: 'GoDaddy', domains: ['godaddy.com', 'secureserver.net', 'wsimg.com', 'domaincontrol.com'], aliases: ['GoDaddy Websites + Marketing'],
    source: 'https://www.godaddy.com/help/connect-my-domain-to-websites-marketing-27827', network: 'godaddy',
    apex: { shared: [0, 1], choose: 1 }, www: 'apex',
    look: { headers: { server: 'DPS/2.0.0+sha-5e1e4e5', 'x-siteid': 'us-east-1' }, head: ['<meta name="generator" content="Starfield Technologies; Go Daddy Website Builder 8.0.0000">', '<link rel="preconnect" href="https://img1.wsimg.com">'], bodyEnd: ['<img src="https://img1.wsimg.com/isteam/ip/{h:16}/logo.png" alt="">'], wwwCanonical: true, httpsUpgrade: true },
    stack: { kind: 'open', wordpress: 0.4, otherCms: 0, shops: { woocommerce: 1 } },
  },
  {
    id: 'wordpress-com', category: 'builder', name: 'WordPress.com', domains: ['wordpress.com', 'wp.com', 'automattic.com'], aliases: ['Automattic'],
    source: 'https://wordpress.com/support/domains/connect-existing-domain/', network: 'automattic',
    apex: { shared: [0, 1] }, www: 'apex',
    look: { headers: { server: 'nginx', 'host-header': 'WordPress.com', 'x-ac': '3.ord _dca MISS' }, head: ['<link rel="dns-prefetch" href="//s0.wp.com">'], bodyEnd: ['<script src="https://s0.wp.com/wp-content/js/bilmur.min.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'wordpress', shop: 'woocommerce' },
  },
  {
    id: 'bluehost', category: 'host', name: 'Bluehost', domains: ['bluehost.com'], aliases: ['Newfold Digital', 'Unified Layer'],
    source: 'https://www.bluehost.com/help/article/dns-management-add-edit-or-delete-dns-entries', network: 'unifiedlayer',
    apex: { shared: [0, 1, 2, 3], choose: 1 }, www: 'apex', ptr: 'box{o3}{o4}.bluehost.com',
    look: plain({ server: 'Apache', 'x-endurance-cache-level': '2', 'x-nginx-cache': 'WordPress' }), stack: wordpressHost,
  },
  {
    id: 'hostgator', category: 'host', name: 'HostGator', domains: ['hostgator.com'], aliases: ['Newfold Digital'],
    source: 'https://www.hostgator.com/help/article/how-to-change-dns-zones-mx-cname-and-a-records', network: 'unifiedlayer',
    apex: { shared: [4, 5, 6, 7], choose: 1 }, www: 'apex', ptr: 'gator{o3}{o4}.hostgator.com',
    look: plain({ server: 'Apache', 'x-endurance-cache-level': '2', 'x-nginx-cache': 'WordPress' }), stack: wordpressHost,
  },
  {
    id: 'siteground', category: 'host', name: 'SiteGround', domains: ['siteground.com', 'sgvps.net'],
    source: 'https://world.siteground.com/kb/point-domain-siteground/', network: 'googlecloud',
    apex: { shared: [0, 1, 2, 3], choose: 1 }, www: 'apex',
    look: plain({ server: 'nginx', 'x-proxy-cache': 'MISS', 'x-proxy-cache-info': 'W 0 NC:100000 UP:SKIP_CACHE_SET_COOKIE' }), stack: wordpressHost,
  },
  {
    id: 'wpengine', category: 'host', name: 'WP Engine', domains: ['wpengine.com', 'wpenginepowered.com'],
    source: 'https://wpengine.com/support/point-dns-wp-engine/', network: 'googlecloud',
    apex: { shared: [8, 9], choose: 1 }, www: '{label}.wpengine.com',
    look: plain({ server: 'nginx', 'x-powered-by': 'WP Engine', 'wpe-backend': 'apache', 'x-cacheable': 'SHORT' }), stack: wordpressHost,
  },
  {
    id: 'aws', category: 'cloud', name: 'Amazon Web Services', domains: ['amazon.com', 'amazonaws.com', 'cloudfront.net', 'awsdns.com', 'aws.amazon.com'], aliases: ['AWS', 'Amazon'],
    source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-cloudfront-distribution.html', network: 'amazon',
    apex: { dedicated: true }, www: 'd{a:13}.cloudfront.net',
    look: plain({ server: 'AmazonS3', 'x-amz-cf-pop': 'ORD58-P3', 'x-amz-cf-id': '{A:20}==', via: '1.1 {h:16}.cloudfront.net (CloudFront)', 'x-cache': 'Miss from cloudfront' }),
    stack: { kind: 'open', wordpress: 0.4, otherCms: 0.3, shops: { magento: 0.7, woocommerce: 0.3 } },
  },
  {
    id: 'cloudflare-site', category: 'edge', name: 'Cloudflare', domains: ['cloudflare.com', 'cloudflare.net'],
    source: 'https://developers.cloudflare.com/dns/proxy-status/', network: 'cloudflare',
    apex: { shared: [0, 1, 2, 3, 4, 5, 6, 7], choose: 2 }, www: 'same-a',
    look: { headers: { server: 'cloudflare', 'cf-ray': '{h:16}-CMH', 'cf-cache-status': 'DYNAMIC' }, head: [], bodyEnd: ['<script defer src="/cdn-cgi/scripts/5c5dd728/cloudflare-static/email-decode.min.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'open', wordpress: 0.6, otherCms: 0.3, shops: { bigcommerce: 0.6, woocommerce: 0.4 } },
  },
  {
    id: 'digitalocean', category: 'cloud', name: 'DigitalOcean', domains: ['digitalocean.com'],
    source: 'https://docs.digitalocean.com/products/networking/dns/how-to/manage-records/', network: 'digitalocean',
    apex: { dedicated: true }, www: 'apex', look: plain({ server: 'nginx/1.24.0 (Ubuntu)' }), stack: generic,
  },
  // Builders and hosts outside the big few.
  {
    id: 'framer', category: 'builder', name: 'Framer', domains: ['framer.com', 'framer.app', 'framer.website', 'framerusercontent.com'],
    source: 'https://www.framer.com/help/articles/how-to-connect-a-custom-domain/', network: 'amazon',
    apex: { shared: [30, 31] }, www: 'sites.framer.app',
    look: { headers: { server: 'Framer/{h:7}', via: '1.1 {h:16}.cloudfront.net (CloudFront)', 'x-amz-cf-pop': 'IAD89-C1' }, head: ['<meta name="generator" content="Framer {h:5}">', '<link rel="preconnect" href="https://framerusercontent.com">'], bodyEnd: ['<script type="module" src="https://framerusercontent.com/sites/{A:22}/script_main.{h:8}.mjs"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'framer', shop: null },
  },
  {
    id: 'carrd', category: 'builder', name: 'Carrd', domains: ['carrd.co'],
    source: 'https://carrd.co/docs/domains/connecting-a-domain', network: 'linode',
    apex: { shared: [44, 45] }, www: 'apex',
    look: { headers: { server: 'nginx' }, head: ['<link href="assets/main.css?v={h:8}" rel="stylesheet">'], bodyEnd: ['<a href="https://carrd.co/?utm_source=made-with-carrd">Made with Carrd</a>', '<script src="assets/main.js?v={h:8}"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'carrd', shop: null },
  },
  {
    id: 'strikingly', category: 'builder', name: 'Strikingly', domains: ['strikingly.com', 'strikinglydns.com', 'strikinglycdn.com', 'mystrikingly.com'],
    source: 'https://support.strikingly.com/hc/en-us/articles/215046947-Connect-Custom-Domain', network: 'amazon',
    apex: { shared: [34] }, www: '{label}.strikinglydns.com',
    look: { headers: { server: 'nginx', 'x-strikingly-request-id': '{h:32}' }, head: ['<meta name="generator" content="Strikingly">', '<link rel="stylesheet" href="https://static-assets.strikinglycdn.com/webpack/{h:20}.css">'], bodyEnd: [], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'strikingly', shop: null },
  },
  {
    id: 'jimdo', category: 'builder', name: 'Jimdo', domains: ['jimdo.com', 'jimdosite.com', 'jimstatic.com', 'jimdofree.com'],
    source: 'https://help.jimdo.com/hc/en-us/articles/115005521583-How-do-I-connect-my-existing-domain-to-Jimdo-', network: 'amazon',
    apex: { shared: [36, 37] }, www: '{label}.jimdosite.com',
    look: { headers: { server: 'nginx', 'x-jimdo-instance': '{h:12}' }, head: ['<link rel="stylesheet" href="https://assets.jimstatic.com/web.css.{h:32}.css">'], bodyEnd: ['<script src="https://assets.jimstatic.com/web.js.{h:32}.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'jimdo', shop: null },
  },
  {
    id: 'weebly', category: 'builder', name: 'Weebly', domains: ['weebly.com', 'editmysite.com', 'squareup.com'], aliases: ['Square Online', 'Square'],
    source: 'https://www.weebly.com/app/help/us/en/topics/connect-a-domain-you-already-own', network: 'weebly',
    apex: { shared: [0, 1] }, www: 'apex',
    look: { headers: { server: 'nginx', 'x-host': 'pages{d:2}.sf2p.intern.weebly.net' }, head: ['<link rel="stylesheet" href="//cdn2.editmysite.com/css/sites.css?buildTime={d:10}">'], bodyEnd: ['<script src="//cdn2.editmysite.com/js/site/main.js?buildTime={d:10}"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'weebly', shop: 'square-online' },
  },
  {
    id: 'hostinger-builder', category: 'builder', name: 'Hostinger', domains: ['hostinger.com', 'hstgr.net', 'zyrosite.com', 'zyro.com'], aliases: ['Hostinger Website Builder', 'Zyro'],
    source: 'https://support.hostinger.com/en/articles/6486939-website-builder-how-to-connect-a-domain', network: 'hostinger',
    apex: { shared: [0, 1] }, www: '{domain}.cdn.hstgr.net',
    look: { headers: { server: 'hcdn', 'x-hcdn-request-id': '{h:32}' }, head: ['<meta name="generator" content="Hostinger Website Builder">'], bodyEnd: ['<img src="https://assets.zyrosite.com/{A:16}/logo.png" alt="">'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'hostinger-builder', shop: null },
  },
  {
    id: 'github-pages', category: 'builder', name: 'GitHub Pages', domains: ['github.com', 'github.io', 'githubusercontent.com'], aliases: ['GitHub'],
    source: 'https://docs.github.com/en/pages/configuring-a-custom-domain-for-your-github-pages-site/managing-a-custom-domain-for-your-github-pages-site', network: 'github',
    apex: { shared: [0, 1, 2, 3] }, www: '{label}.github.io',
    look: plain({ server: 'GitHub.com', 'x-github-request-id': '{h:4}:{h:6}:{h:7}:{h:7}:{h:8}', 'x-fastly-request-id': '{h:40}' }),
    stack: { kind: 'open', wordpress: 0, otherCms: 0, shops: {} },
  },
  {
    id: 'hetzner', category: 'cloud', name: 'Hetzner', domains: ['hetzner.com', 'your-server.de', 'hetzner.de'], aliases: ['Hetzner Online'],
    source: 'https://docs.hetzner.com/dns-console/dns/general/dns-overview/', network: 'hetzner',
    apex: { dedicated: true }, www: 'apex', ptr: 'static.{o4}.{o3}.{o2}.{o1}.clients.your-server.de',
    look: plain({ server: 'nginx' }), stack: generic,
  },
  {
    id: 'vultr', category: 'cloud', name: 'Vultr', domains: ['vultr.com', 'vultrusercontent.com'], aliases: ['The Constant Company', 'Choopa'],
    source: 'https://docs.vultr.com/how-to-configure-reverse-dns-on-vultr', network: 'vultr',
    apex: { dedicated: true }, www: 'apex', ptr: '{ip}.vultrusercontent.com',
    look: plain({ server: 'Apache/2.4.58 (Ubuntu)' }), stack: generic,
  },
  {
    id: 'linode', category: 'cloud', name: 'Linode', domains: ['linode.com', 'linodeusercontent.com', 'akamai.com'], aliases: ['Akamai Connected Cloud', 'Akamai', 'Akamai Technologies'],
    source: 'https://techdocs.akamai.com/cloud-computing/docs/configure-rdns-reverse-dns-on-a-compute-instance', network: 'linode',
    apex: { dedicated: true }, www: 'apex', ptr: '{ipdashed}.ip.linodeusercontent.com',
    look: plain({ server: 'nginx' }), stack: generic,
  },
  {
    id: 'ovh', category: 'cloud', name: 'OVHcloud', domains: ['ovhcloud.com', 'ovh.com', 'ovh.net', 'ovh.us'], aliases: ['OVH'],
    source: 'https://help.ovhcloud.com/csm/en-ie-dedicated-servers-reverse-dns?id=kb_article_view&sysparm_article=KB0043131', network: 'ovh',
    apex: { dedicated: true }, www: 'apex', ptr: 'ip{o4}.ip-{o1}-{o2}-{o3}.us',
    look: plain({ server: 'Apache' }), stack: generic,
  },
  {
    id: 'tilda', category: 'builder', name: 'Tilda', domains: ['tilda.cc', 'tildacdn.com', 'tilda.ws'], aliases: ['Tilda Publishing'],
    source: 'https://help.tilda.cc/domain', network: 'tilda',
    apex: { shared: [0] }, www: 'apex',
    look: { headers: { server: 'nginx' }, head: ['<link rel="stylesheet" href="https://static.tildacdn.com/css/tilda-grid-3.0.min.css" type="text/css" media="all">'], bodyEnd: ['<script src="https://static.tildacdn.com/js/tilda-scripts-3.0.min.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'tilda', shop: null },
  },
  {
    id: 'contabo', category: 'cloud', name: 'Contabo', domains: ['contabo.com', 'contaboserver.net'],
    source: 'https://help.contabo.com/en/support/solutions/articles/103000269765-how-do-i-set-up-reverse-dns-ptr-', network: 'contabo',
    apex: { dedicated: true }, www: 'apex', ptr: 'vmi{d:6}.contaboserver.net',
    look: plain({ server: 'Apache/2.4.52 (Ubuntu)' }), stack: generic,
  },
  {
    id: 'scaleway', category: 'cloud', name: 'Scaleway', domains: ['scaleway.com', 'scw.cloud'], aliases: ['Online SAS'],
    source: 'https://www.scaleway.com/en/docs/instances/how-to/configure-reverse-dns/', network: 'scaleway',
    apex: { dedicated: true }, www: 'apex', ptr: '{h:8}-{h:4}-{h:4}-{h:4}-{h:12}.pub.instances.scw.cloud',
    look: plain({ server: 'nginx' }), stack: generic,
  },
  // Builders and hosts of the long tail. Their connect-a-domain pages give the apex A and the
  // www CNAME; where those pages were not at hand the target is modelled on the provider's
  // own domain, and the serving network (a cloud they rent, unless they announce their own
  // AS) and page markup are modelled too: a generator tag or asset host on their domain.
  // Shared slots on a cloud stay clear of the ones mail (0-4), VoIP (20-25) and name servers
  // (40-43) take there, so no front end doubles as another service's host.
  {
    id: 'site123', category: 'builder', name: 'SITE123', domains: ['site123.com', 'site123.me'],
    source: 'https://www.site123.com/', network: 'amazon',
    apex: { shared: [44] }, www: '{label}.site123.me',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="SITE123">'], bodyEnd: ['<script src="https://static.site123.me/js/app.min.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'site123', shop: null },
  },
  {
    id: 'yola', category: 'builder', name: 'Yola', domains: ['yola.com', 'yolasite.com'],
    source: 'https://www.yola.com/', network: 'amazon',
    apex: { shared: [46] }, www: '{label}.yolasite.com',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Yola">'], bodyEnd: ['<script src="https://assets.yolacdn.net/site/js/yola.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'yola', shop: null },
  },
  {
    id: 'webnode', category: 'builder', name: 'Webnode', domains: ['webnode.com', 'webnode.page', 'webnode.cz'], aliases: ['Webnode AG'],
    source: 'https://your-domain6.webnode.page/assign', network: 'amazon',
    apex: { shared: [48] }, www: '{label}.webnode.page',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Webnode">'], bodyEnd: ['<script src="https://static.webnode.com/_system/js/site.js"></script><a href="https://www.webnode.com/">Powered by Webnode</a>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'webnode', shop: null },
  },
  {
    id: 'ucraft', category: 'builder', name: 'Ucraft', domains: ['ucraft.com', 'ucraft.site'],
    source: 'https://www.ucraft.com/', network: 'googlecloud',
    apex: { shared: [44] }, www: '{label}.ucraft.site',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Ucraft">'], bodyEnd: ['<script src="https://static.ucraft.com/assets/site.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'ucraft', shop: null },
  },
  {
    id: 'voog', category: 'builder', name: 'Voog', domains: ['voog.com', 'voog.com.br', 'voogcdn.com'], aliases: ['Edicy'],
    source: 'https://www.voog.com/support/', network: 'hetzner',
    apex: { shared: [10] }, www: '{label}.voog.com',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Voog">'], bodyEnd: ['<script src="https://static.voog.com/libs/edicy-search/latest/edicy-search.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'voog', shop: null },
  },
  {
    id: 'webstarts', category: 'builder', name: 'WebStarts', domains: ['webstarts.com'],
    source: 'https://www.webstarts.com/', network: 'amazon',
    apex: { shared: [50] }, www: '{label}.webstarts.com',
    look: { headers: { server: 'Apache' }, head: ['<meta name="generator" content="WebStarts">'], bodyEnd: ['<script src="https://files.webstarts.com/js/site.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'webstarts', shop: null },
  },
  {
    id: 'webador', category: 'builder', name: 'Webador', domains: ['webador.com', 'webador.nl', 'webadorsite.com'], aliases: ['Jouwweb'],
    source: 'https://www.webador.com/', network: 'amazon',
    apex: { shared: [52] }, www: '{label}.webadorsite.com',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Webador">'], bodyEnd: ['<script src="https://assets.webador.com/js/site.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'webador', shop: null },
  },
  {
    id: 'simvoly', category: 'builder', name: 'Simvoly', domains: ['simvoly.com'],
    source: 'https://simvoly.com/', network: 'amazon',
    apex: { shared: [54] }, www: '{label}.simvoly.com',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Simvoly">'], bodyEnd: ['<script src="https://cdn.simvoly.com/js/site.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'simvoly', shop: null },
  },
  {
    id: 'pixpa', category: 'builder', name: 'Pixpa', domains: ['pixpa.com', 'pixpa.net'],
    source: 'https://www.pixpa.com/', network: 'amazon',
    apex: { shared: [56] }, www: '{label}.pixpa.com',
    look: { headers: { server: 'nginx' }, head: ['<meta name="generator" content="Pixpa">'], bodyEnd: ['<script src="https://static.pixpa.net/js/site.js"></script>'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'pixpa', shop: null },
  },
  {
    id: 'durable', category: 'builder', name: 'Durable', domains: ['durable.co'], aliases: ['Durable Technologies'],
    source: 'https://durable.co/', network: 'googlecloud',
    apex: { shared: [46] }, www: '{label}.durable.co',
    look: { headers: { server: 'Google Frontend' }, head: ['<meta name="generator" content="Durable">'], bodyEnd: ['<link rel="preconnect" href="https://assets.durable.co">'], httpsUpgrade: true },
    stack: { kind: 'platform', cms: 'durable', shop: null },
  },
  {
    id: 'krystal', category: 'host', name: 'Krystal', domains: ['krystal.uk', 'krystal.io', 'krystal.co.uk'], aliases: ['Krystal Hosting'],
    source: 'https://krystal.uk/', network: 'krystal',
    apex: { shared: [0, 1, 2, 3], choose: 1 }, www: 'apex',
    look: plain({ server: 'LiteSpeed' }), stack: longTailHost,
  },
  {
    id: '20i', category: 'host', name: '20i', domains: ['20i.com', 'stackcp.com', 'stackdns.com'], aliases: ['StackCP'],
    source: 'https://www.20i.com/', network: 'hetzner',
    apex: { dedicated: true }, www: 'apex', ptr: 'web{d:3}.stackcp.com',
    look: plain({ server: 'Apache', 'x-stackcp-host': 'web{d:3}' }), stack: longTailHost,
  },
  {
    id: 'scalahosting', category: 'host', name: 'ScalaHosting', domains: ['scalahosting.com'],
    source: 'https://www.scalahosting.com/', network: 'linode',
    apex: { dedicated: true }, www: 'apex', ptr: 'server{d:3}.scalahosting.com',
    look: plain({ server: 'Apache' }), stack: longTailHost,
  },
  {
    id: 'fastcomet', category: 'host', name: 'FastComet', domains: ['fastcomet.com'],
    source: 'https://www.fastcomet.com/', network: 'googlecloud',
    apex: { shared: [48, 49, 50, 51], choose: 1 }, www: 'apex', ptr: 'server{d:3}.fastcomet.com',
    look: plain({ server: 'Apache' }), stack: longTailHost,
  },
  {
    id: 'hostek', category: 'host', name: 'Hostek', domains: ['hostek.com'],
    source: 'https://hostek.com/', network: 'vultr',
    apex: { dedicated: true }, www: 'apex', ptr: 'host{d:3}.hostek.com',
    look: plain({ server: 'Microsoft-IIS/10.0', 'x-powered-by': 'ASP.NET' }), stack: longTailHost,
  },
  {
    id: 'mddhosting', category: 'host', name: 'MDDHosting', domains: ['mddhosting.com'],
    source: 'https://www.mddhosting.com/', network: 'vultr',
    apex: { dedicated: true }, www: 'apex', ptr: 'server{d:3}.mddhosting.com',
    look: plain({ server: 'LiteSpeed' }), stack: longTailHost,
  },
  {
    id: 'knownhost', category: 'host', name: 'KnownHost', domains: ['knownhost.com'],
    source: 'https://www.knownhost.com/', network: 'digitalocean',
    apex: { dedicated: true }, www: 'apex', ptr: 'host{d:4}.knownhost.com',
    look: plain({ server: 'Apache' }), stack: longTailHost,
  },
  {
    id: 'pressable', category: 'host', name: 'Pressable', domains: ['pressable.com'],
    source: 'https://pressable.com/', network: 'automattic',
    apex: { shared: [8, 9], choose: 1 }, www: 'apex',
    look: plain({ server: 'nginx', 'x-powered-by': 'Pressable' }), stack: wordpressHost,
  },
  {
    id: 'rocketnet', category: 'host', name: 'Rocket.net', domains: ['rocket.net', 'wpdns.site'],
    source: 'https://rocket.net/', network: 'cloudflare',
    apex: { shared: [20, 21] }, www: '{label}.wpdns.site',
    look: plain({ server: 'cloudflare', 'cf-ray': '{h:16}-ORD', 'x-rocket-nginx-serving-static': 'MISS' }), stack: wordpressHost,
  },
  {
    id: 'wpx', category: 'host', name: 'WPX Hosting', domains: ['wpx.net'],
    source: 'https://wpx.net/', network: 'ovh',
    apex: { dedicated: true }, www: 'apex', ptr: 'server{d:3}.wpx.net',
    look: plain({ server: 'WPX CLOUD/{h:6}' }), stack: wordpressHost,
  },
  {
    id: 'pagely', category: 'host', name: 'Pagely', domains: ['pagely.com', 'pagelyhosting.com'],
    source: 'https://pagely.com/', network: 'amazon',
    apex: { dedicated: true }, www: '{label}.pagelyhosting.com',
    look: plain({ server: 'nginx', 'x-gateway-cache-status': 'MISS' }), stack: wordpressHost,
  },
  // Hosts above without a published serving network are modelled: 20i on Hetzner, ScalaHosting
  // on Linode, FastComet on Google Cloud, Hostek and MDDHosting on Vultr, KnownHost on
  // DigitalOcean, WPX on OVH; their servers' reverse names (server hostnames under the
  // host's own domain, as shared and managed hosts name them) are modelled too, so the
  // evidence names the host and not only the network. Pressable is Automattic's, Rocket.net
  // fronts with Cloudflare and Pagely runs on AWS, as each says of itself. Krystal announces
  // its own AS.
];
