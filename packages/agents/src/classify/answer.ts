// Evidence accumulation shared by the classifiers: each piece of evidence votes for a
// slug with a strength; the strongest piece sets the confidence and each further
// independent piece adds a little. A tie at the top is an honest unknown, not a coin toss.
import type { Catalog } from '../catalog/catalog.ts';
import type { DnsResult, ProspectInput, SearchResult, VerifyResult, ClassifyInput } from '../types.ts';

export interface Answer {
  value: string | null;
  confidence: number;
  evidence: string[];
  /** Why value is null. */
  reason?: string;
}

export const MIN_CONFIDENCE = 0.3;
const CORROBORATION_BONUS = 0.05;
const MAX_CONFIDENCE = 0.98;

export class Votes {
  private readonly bySlug = new Map<string, { strengths: number[]; evidence: string[] }>();

  add(slug: string, strength: number, evidence: string): void {
    const entry = this.bySlug.get(slug) ?? { strengths: [], evidence: [] };
    if (entry.evidence.includes(evidence)) return;
    entry.strengths.push(strength);
    entry.evidence.push(evidence);
    this.bySlug.set(slug, entry);
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug);
  }

  get size(): number {
    return this.bySlug.size;
  }

  ranked(): { slug: string; confidence: number; evidence: string[] }[] {
    return [...this.bySlug.entries()]
      .map(([slug, e]) => {
        const sorted = [...e.strengths].sort((a, b) => b - a);
        const top = sorted[0] ?? 0;
        const confidence = Math.min(MAX_CONFIDENCE, top + CORROBORATION_BONUS * (sorted.length - 1));
        return { slug, confidence: round(confidence), evidence: e.evidence };
      })
      .sort((a, b) => b.confidence - a.confidence);
  }

  /** The best slug, or null with a reason when nothing is strong enough or two slugs tie. */
  pick(minConfidence = MIN_CONFIDENCE, emptyReason = 'no evidence'): Answer {
    const [best, second] = this.ranked();
    if (!best) return unknown(emptyReason);
    if (best.confidence < minConfidence) {
      return { ...unknown(`evidence too weak: ${best.evidence.join('; ')}`), evidence: best.evidence };
    }
    if (second && second.confidence === best.confidence) {
      return {
        ...unknown(`ambiguous between ${best.slug} and ${second.slug}`),
        evidence: [...best.evidence, ...second.evidence],
      };
    }
    return { value: best.slug, confidence: best.confidence, evidence: best.evidence };
  }
}

export function unknown(reason: string): Answer {
  return { value: null, confidence: 0, evidence: [], reason };
}

export function known(value: string, confidence: number, evidence: string[]): Answer {
  return { value, confidence: round(confidence), evidence };
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** What every classifier step reads: the input, the catalog and the business's own domain and DNS. */
export interface ClassifyContext {
  input: ClassifyInput;
  prospect: ProspectInput;
  search: SearchResult | null;
  catalog: Catalog;
  /** The verified website (null when none verified). */
  site: VerifyResult | null;
  /** The verified domain (landing domain when it redirected). */
  domain: string | null;
  /** DNS of the business's domain: the verified one, else a list e-mail domain with MX. */
  dns: DnsResult | null;
}

export function sameHost(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.+$/, '') === b.toLowerCase().replace(/\.+$/, '');
}

/** True when host is the domain or a name inside it (mail.example.com in example.com). */
export function insideDomain(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.+$/, '');
  const d = domain.toLowerCase().replace(/\.+$/, '');
  return h === d || h.endsWith(`.${d}`);
}
