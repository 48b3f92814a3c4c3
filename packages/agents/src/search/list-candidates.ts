// Candidates from the purchased list's own columns: the website and the e-mail domain.
import { parse } from 'tldts';
import type { ProspectInput, SocialPage } from '../types.ts';
import type { Sighting } from './candidate-merge.ts';
import { isFreeMailDomain, isNeverCandidate, ispForMailDomain, socialNetworkOf } from './domain-lists.ts';

/** The list's website column is usually right; verify still checks it is not stale or parked. */
export const LIST_WEBSITE_SCORE = 0.85;
/** A business address at its own domain is nearly as telling as the website column. */
export const LIST_EMAIL_SCORE = 0.75;

export interface ListAnalysis {
  sightings: Sighting[];
  socialPages: SocialPage[];
  ispMailDomains: string[];
}

interface ParsedDomain {
  domain: string;
  /** A subdomain of a PSL private suffix (myshopify.com, blogspot.com, …): not the business's own. */
  onPlatform: boolean;
}

/** Registrable domain of a URL, bare host ("www.Acme.com/contact") or e-mail address; null for IPs and junk. */
export function registrableDomainOf(value: string): ParsedDomain | null {
  let text = value.trim().toLowerCase().replace(/^mailto:/, '');
  if (text.includes('@') && !text.includes('/')) text = text.slice(text.lastIndexOf('@') + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  let hostname: string;
  try {
    hostname = new URL(text).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  const info = parse(hostname, { allowPrivateDomains: true });
  if (info.isIp === true || info.domain === null) return null;
  if (info.isPrivate === true) {
    const icann = parse(hostname).domain;
    return icann === null ? null : { domain: icann, onPlatform: true };
  }
  return info.isIcann === true ? { domain: info.domain, onPlatform: false } : null;
}

function websiteSightings(prospect: ProspectInput, out: ListAnalysis): void {
  const raw = prospect.websiteDomain ?? prospect.website;
  if (raw === null || raw.trim() === '') return;
  const parsed = registrableDomainOf(raw);
  if (parsed === null || parsed.onPlatform) return;
  const network = socialNetworkOf(parsed.domain);
  if (network !== null) {
    // The list itself names this page as the business's: it is its own by definition.
    const url = prospect.website ?? `https://${raw}`;
    out.socialPages.push({ url, network, title: prospect.name, matched: true });
    return;
  }
  if (isNeverCandidate(parsed.domain)) return;
  out.sightings.push({ domain: parsed.domain, source: 'list-website', score: LIST_WEBSITE_SCORE, evidence: `list website: ${prospect.website ?? raw}` });
}

function emailSightings(prospect: ProspectInput, out: ListAnalysis): void {
  if (prospect.emailDomain === null || prospect.emailDomain.trim() === '') return;
  const parsed = registrableDomainOf(prospect.emailDomain);
  if (parsed === null || parsed.onPlatform || isFreeMailDomain(parsed.domain)) return;
  if (ispForMailDomain(parsed.domain) !== null) {
    out.ispMailDomains.push(parsed.domain);
    return;
  }
  if (isNeverCandidate(parsed.domain)) return;
  out.sightings.push({ domain: parsed.domain, source: 'list-email', score: LIST_EMAIL_SCORE, evidence: `list email domain: ${prospect.emailDomain}` });
}

export function analyseListColumns(prospect: ProspectInput): ListAnalysis {
  const out: ListAnalysis = { sightings: [], socialPages: [], ispMailDomains: [] };
  websiteSightings(prospect, out);
  emailSightings(prospect, out);
  return out;
}
