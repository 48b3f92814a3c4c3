// Website DNS in each host's real shape: apex A on the host's network, www CNAME to the
// host's edge name where the host works that way.
import type { AddressPlan } from './address-plan.ts';
import { token } from './email.footprint.ts';
import type { Rng } from './prng.ts';

export type WebHostSlug =
  | 'squarespace' | 'wix' | 'shopify' | 'godaddy' | 'wordpress-com' | 'bluehost' | 'hostgator'
  | 'siteground' | 'wp-engine' | 'aws' | 'cloudflare' | 'self-hosted';

function apexAndWww(plan: AddressPlan, domain: string, addresses: string[], www: string | null): void {
  for (const a of addresses) {
    plan.add({ name: domain, type: 'A', value: a });
    plan.serveWeb(a);
  }
  if (www) plan.add({ name: `www.${domain}`, type: 'CNAME', value: www });
}

function addAws(plan: AddressPlan, domain: string, rng: Rng): void {
  const apex = plan.next('amazon', false);
  const kind = rng.pick(['elb', 'cloudfront', 's3'] as const);
  const slug = domain.split('.')[0] ?? 'site';
  const target =
    kind === 'elb' ? `${slug.slice(0, 20)}-${rng.int(100000000, 999999999)}.us-east-2.elb.amazonaws.com`
    : kind === 'cloudfront' ? `d${token(rng, 13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`
    : `www.${domain}.s3-website.us-east-2.amazonaws.com`;
  plan.add({ name: target, type: 'A', value: apex });
  apexAndWww(plan, domain, [apex], target);
}

/** Adds the website records; self-hosted sites use the business's own address. */
export function addWebsite(plan: AddressPlan, domain: string, host: WebHostSlug, rng: Rng, ownAddress: string | null): void {
  const pickShared = (block: string, from: number, count: number): string => plan.shared(block, from + rng.int(0, count - 1));
  switch (host) {
    case 'squarespace':
      plan.host('ext-cust.squarespace.com', plan.shared('squarespace', 0));
      return apexAndWww(plan, domain, [0, 1, 2, 3].map((i) => plan.shared('squarespace', i)), 'ext-cust.squarespace.com');
    case 'wix':
      plan.host('cdn1.wixdns.net', plan.shared('wix', 1));
      plan.serveWeb(plan.shared('wix', 1));
      return apexAndWww(plan, domain, [plan.shared('wix', 0)], 'cdn1.wixdns.net');
    case 'shopify':
      // Shopify storefronts sit on Cloudflare's network (23.227.38.0/24 is announced by AS13335).
      plan.host('shops.myshopify.com', plan.shared('cloudflare', 10));
      return apexAndWww(plan, domain, [plan.shared('cloudflare', 10)], 'shops.myshopify.com');
    case 'godaddy':
      return apexAndWww(plan, domain, [pickShared('godaddy', 0, 2)], domain);
    case 'wordpress-com':
      return apexAndWww(plan, domain, [plan.shared('automattic', 0), plan.shared('automattic', 1)], domain);
    case 'bluehost':
    case 'hostgator': {
      // Both brands share Newfold's AS46606; the shared servers' reverse names tell them apart.
      const address = pickShared('unifiedlayer', host === 'bluehost' ? 0 : 4, 4);
      const box = address.split('.').slice(-2).join('');
      plan.ptr(address, host === 'bluehost' ? `box${box}.bluehost.com` : `gator${box}.hostgator.com`);
      return apexAndWww(plan, domain, [address], domain);
    }
    case 'siteground':
      return apexAndWww(plan, domain, [pickShared('googlecloud', 0, 4)], domain);
    case 'wp-engine': {
      const edge = `${(domain.split('.')[0] ?? 'site').slice(0, 20)}.wpengine.com`;
      const address = pickShared('googlecloud', 8, 2);
      plan.add({ name: edge, type: 'A', value: address });
      return apexAndWww(plan, domain, [address], edge);
    }
    case 'aws':
      return addAws(plan, domain, rng);
    case 'cloudflare': {
      const pair = rng.int(0, 3) * 2;
      const addresses = [plan.shared('cloudflare', pair), plan.shared('cloudflare', pair + 1)];
      apexAndWww(plan, domain, addresses, null);
      for (const a of addresses) plan.add({ name: `www.${domain}`, type: 'A', value: a });
      return;
    }
    case 'self-hosted': {
      const address = ownAddress ?? plan.shared('godaddy', 30);
      return apexAndWww(plan, domain, [address], domain);
    }
  }
}
