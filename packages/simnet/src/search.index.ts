// The search engine's knowledge: an inverted index over business names, cities and
// phones, and the result pages (directories, social, own site, namesakes) it returns.
import type { Business, Market } from './market.types.ts';
import { hashString } from './prng.ts';
import { nationalPhone } from './site.render.ts';

export interface SearchHitJson {
  url: string;
  title: string;
  content: string;
  engine: string;
}

const STOP = new Set(['llc', 'inc', 'co', 'ltd', 'the', 'and', 'of', 's', 'oh', 'ohio', 'company']);
const ENGINES = ['google', 'bing', 'duckduckgo', 'brave'];

export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/'s\b/g, 's').split(/[^a-z0-9]+/).filter((t) => t.length > 0 && !STOP.has(t));
}

export function coreName(name: string): string {
  return name.replace(/,?\s+(llc|inc\.?|co\.|ltd)$/i, '');
}

const slugOf = (text: string): string => text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export class SearchIndex {
  private readonly byToken = new Map<string, number[]>();
  private readonly byPhone = new Map<string, number>();
  private readonly nameTokens: string[][] = [];
  private readonly cityTokens: string[][] = [];
  private readonly namesakesOf = new Map<number, number[]>();
  /** Per-business hit counts of the query being matched, zeroed again after each query. */
  private readonly hits: Uint16Array;

  constructor(private readonly market: Market) {
    market.businesses.forEach((b, i) => {
      const tokens = [...new Set(tokenize(coreName(b.name)))];
      this.nameTokens.push(tokens);
      this.cityTokens.push(tokenize(b.city));
      for (const t of tokens) {
        const list = this.byToken.get(t);
        if (list) list.push(i);
        else this.byToken.set(t, [i]);
      }
      this.byPhone.set(b.phone.slice(-10), i);
    });
    market.namesakes.forEach((n, i) => this.namesakesOf.set(n.shadows, [...(this.namesakesOf.get(n.shadows) ?? []), i]));
    this.hits = new Uint16Array(market.businesses.length);
  }

  /**
   * Businesses the query is about, best first. A common word ("family") lists thousands of
   * businesses in a large market: counting in a typed array, not a Map, took a 100k-market query
   * from ~14 to ~4 ms (measured under load), so the engine no longer caps the benchmark.
   */
  match(query: string): number[] {
    const digits = query.replace(/\D/g, '');
    const byPhone = digits.length >= 10 ? this.byPhone.get(digits.slice(-10)) : undefined;
    const tokens = new Set(tokenize(query));
    const touched: number[] = [];
    for (const t of tokens) {
      for (const i of this.byToken.get(t) ?? []) {
        if (this.hits[i] === 0) touched.push(i);
        this.hits[i]!++;
      }
    }
    const ranked: [number, number][] = [];
    for (const i of touched) {
      const share = this.hits[i]! / Math.max(1, this.nameTokens[i]?.length ?? 0);
      this.hits[i] = 0;
      if (share < 0.6) continue;
      const cityHit = (this.cityTokens[i] ?? []).every((t) => tokens.has(t)) ? 0.5 : 0;
      ranked.push([i, share + cityHit]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const result = ranked.slice(0, 3).map(([i]) => i);
    if (byPhone !== undefined) return [byPhone, ...result.filter((i) => i !== byPhone)];
    return result;
  }

  results(query: string): SearchHitJson[] {
    const matches = this.match(query);
    const hits: Omit<SearchHitJson, 'engine'>[] = [];
    const seed = hashString(query);
    matches.forEach((i, rank) => {
      const b = this.market.businesses[i];
      if (b) hits.push(...this.hitsFor(b, i, rank === 0, seed));
    });
    const first = matches[0] !== undefined ? this.market.businesses[matches[0]] : undefined;
    if (first) hits.push(this.noise(first, seed));
    return hits.map((h, n) => ({ ...h, engine: ENGINES[(seed + n) % ENGINES.length] ?? 'google' }));
  }

  private hitsFor(b: Business, index: number, full: boolean, seed: number): Omit<SearchHitJson, 'engine'>[] {
    const name = coreName(b.name);
    const slug = slugOf(name);
    const citySlug = slugOf(b.city);
    const phone = nationalPhone(b.phone);
    const where = `${b.street}, ${b.city}, ${b.state} ${b.zip}`;
    const out: Omit<SearchHitJson, 'engine'>[] = [];
    const ownName = b.siteName ?? b.name;
    const own = b.searchable && b.truth.domain
      ? { url: `https://www.${b.truth.domain}/`, title: `${ownName} | ${b.city}, ${b.state}`, content: `${coreName(ownName)} serves ${b.city} and the surrounding area. Call ${phone}. ${where}.` }
      : null;
    if (own && !b.buried) out.push(own);
    const directories = [
      { url: `https://www.yelp.com/biz/${slug}-${citySlug}`, title: `${name} - ${b.city}, OH - Yelp`, content: `${name} in ${b.city}, reviews and photos. ${phone}` },
      { url: `https://www.yellowpages.com/${citySlug}-oh/mip/${slug}-${(hashString(b.recordId) % 900000000) + 100000000}`, title: `${name} ${where} - YP.com`, content: `Get reviews, hours, directions for ${name}. ${phone}` },
      { url: `https://www.bbb.org/us/oh/${citySlug}/profile/${slugOf(b.industry).slice(0, 30)}/${slug}-0302-${hashString(b.name) % 100000}`, title: `${name} | BBB Business Profile`, content: `BBB accredited business profile. ${where}` },
      { url: `https://www.manta.com/c/m${(hashString(b.phone) % 9000000).toString(36)}/${slug}`, title: `${name} - ${b.city}, OH - Company Profile`, content: `${name} is a ${b.industry.toLowerCase()} business located in ${b.city}, OH.` },
      { url: `https://www.mapquest.com/us/ohio/${citySlug}/${hashString(b.street) % 900000000}/${slug}`, title: `${name}, ${where}`, content: `Get directions to ${name}. ${phone}` },
    ];
    const directoryCount = full ? 2 + ((seed + index) % 3) : 1;
    for (let k = 0; k < directoryCount; k++) out.push(directories[(seed + index + k) % directories.length]!);
    if (full) {
      for (const url of b.socialPages) out.push({ url, title: `${name} | ${b.city} OH | ${url.includes('facebook') ? 'Facebook' : url.includes('linkedin') ? 'LinkedIn' : 'Instagram'}`, content: `${name}, ${b.city}, Ohio. ${phone}` });
      for (const n of this.namesakesOf.get(index) ?? []) {
        const ns = this.market.namesakes[n];
        if (ns) out.splice(0, 0, { url: `https://www.${ns.domain}/`, title: `${ns.name} - ${ns.city}, ${ns.state}`, content: `${ns.name}, proudly serving ${ns.city}, ${ns.state}. Call ${nationalPhone(ns.phone)}.` });
      }
    }
    // Behind every directory and social listing of the business.
    if (own && b.buried) out.push(own);
    return out;
  }

  private noise(b: Business, seed: number): Omit<SearchHitJson, 'engine'> {
    const word = b.industry.split(/[ ,&]/)[0] ?? 'Business';
    return seed % 2 === 0
      ? { url: `https://www.yelp.com/search?find_desc=${encodeURIComponent(word)}&find_loc=${encodeURIComponent(`${b.city}, OH`)}`, title: `Top 10 Best ${word} in ${b.city}, OH - Yelp`, content: `Find the best ${word.toLowerCase()} near ${b.city}.` }
      : { url: `https://www.angi.com/companylist/us/oh/${slugOf(b.city)}/${slugOf(word)}.htm`, title: `The 10 Best ${word} Companies in ${b.city}, OH | Angi`, content: `Compare local pros in ${b.city}.` };
  }
}
