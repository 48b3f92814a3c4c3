// Evidence accumulation shared by the classifiers: each piece of evidence votes for a
// name with a strength; the strongest piece sets the confidence and each further
// independent piece adds a little. A tie at the top is an honest unknown, not a coin toss.
import type { Catalog } from '../catalog/catalog.ts';
import type { ClassifyInput, DnsResult, EvidenceItem, ProspectInput, SearchResult, UnknownCode, UnknownReason, VerifyResult } from '../types.ts';
import { reason, renderEvidence } from './evidence.ts';
import { CORROBORATION_BONUS, MAX_CONFIDENCE, MIN_CONFIDENCE } from './strengths.ts';

export interface Answer {
  value: string | null;
  confidence: number;
  evidence: EvidenceItem[];
  /** The value is a catalog slug (or a fixed value like self-hosted), not a name read from the evidence. */
  cataloged: boolean;
  /** Why value is null. */
  reason?: UnknownReason;
}

interface Ballot {
  strengths: number[];
  evidence: EvidenceItem[];
  seen: Set<string>;
  cataloged: boolean;
}

export interface Ranked {
  slug: string;
  confidence: number;
  evidence: EvidenceItem[];
  cataloged: boolean;
}

export class Votes {
  private readonly bySlug = new Map<string, Ballot>();

  /** A vote for `slug`; `cataloged` false when the name is read from the evidence itself. */
  add(slug: string, strength: number, evidence: EvidenceItem, cataloged = true): void {
    const entry = this.bySlug.get(slug) ?? { strengths: [], evidence: [], seen: new Set<string>(), cataloged };
    const text = renderEvidence(evidence);
    if (entry.seen.has(text)) return;
    entry.seen.add(text);
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

  ranked(): Ranked[] {
    return [...this.bySlug.entries()]
      .map(([slug, e]) => {
        const sorted = [...e.strengths].sort((a, b) => b - a);
        const top = sorted[0] ?? 0;
        const confidence = Math.min(MAX_CONFIDENCE, top + CORROBORATION_BONUS * (sorted.length - 1));
        return { slug, confidence: round(confidence), evidence: e.evidence, cataloged: e.cataloged };
      })
      .sort((a, b) => b.confidence - a.confidence);
  }

  /** The best name, or null with a reason when nothing is strong enough or two names tie. */
  pick(empty: UnknownReason = reason('no-evidence')): Answer {
    const [best, second] = this.ranked();
    if (!best) return unknown(empty.code, empty.detail);
    if (best.confidence < MIN_CONFIDENCE) {
      return { ...unknown('weak-evidence', best.evidence.map(renderEvidence).join('; ')), evidence: best.evidence };
    }
    if (second && second.confidence === best.confidence) {
      return { ...unknown('ambiguous', `${best.slug} and ${second.slug}`), evidence: [...best.evidence, ...second.evidence] };
    }
    return { value: best.slug, confidence: best.confidence, evidence: best.evidence, cataloged: best.cataloged };
  }
}

export function unknown(code: UnknownCode, detail?: string): Answer {
  return { value: null, confidence: 0, evidence: [], cataloged: false, reason: reason(code, detail) };
}

export function known(value: string, confidence: number, evidence: EvidenceItem[], cataloged = true): Answer {
  return { value, confidence: round(confidence), evidence, cataloged };
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
  /** The business's own domain: the verified one (landing domain when it redirected), or the mail domain kept without a website. */
  domain: string | null;
  /** DNS of the business's domain: the verified one, else a list e-mail domain with MX. */
  dns: DnsResult | null;
}

/** The unknown answer every DNS-reading classifier gives when there is no DNS to read. */
export function noDns(ctx: ClassifyContext): Answer {
  return ctx.domain ? unknown('no-dns') : unknown('no-domain');
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
