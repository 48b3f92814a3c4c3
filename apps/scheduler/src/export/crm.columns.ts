// Column layouts of the CRM import files, one definition each. Headers are the standard
// field labels the importers map automatically: Salesforce's Data Import Wizard for
// Leads, and HubSpot's import of Companies (default property labels; the Prospector
// columns map to custom company properties created once in HubSpot).
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CrmRecord } from './crm.records.ts';

export type CrmCell = string | number | null;

export interface CrmColumn {
  header: string;
  value(r: CrmRecord): CrmCell;
}

export const CRM_LAYOUTS = ['salesforce', 'hubspot'] as const;
export type CrmLayout = (typeof CRM_LAYOUTS)[number];

const RATING: Record<string, string> = { A: 'Hot', B: 'Warm', C: 'Cold', D: 'Cold' };

/** Salesforce's Rating picklist (Hot, Warm, Cold) from the tier. */
export function ratingOf(r: CrmRecord): string | null {
  return r.tier ? RATING[r.tier] ?? null : null;
}

/** Leads in the list's own country read as national numbers; others keep the + form. */
export function formatPhone(phone: string | null, country: string): string | null {
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return phone;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}

export function websiteOf(r: CrmRecord): string | null {
  if (r.website) return /^https?:\/\//i.test(r.website) ? r.website : `https://${r.website}`;
  return r.domain ? `https://${r.domain}` : null;
}

const PROVIDER_LABELS: [keyof CrmRecord, string][] = [
  ['isp', 'ISP'], ['emailProvider', 'E-mail'], ['emailGateway', 'E-mail gateway'], ['webHost', 'Web host'],
  ['dnsProvider', 'DNS'], ['ecommercePlatform', 'E-commerce'], ['cms', 'CMS'], ['voipProvider', 'VoIP'],
];

/** One line: tier and score, the reasons, then every provider found. */
export function describe(r: CrmRecord): string {
  const parts: string[] = [];
  if (r.tier) parts.push(`Prospector tier ${r.tier}${r.score === null ? '' : ` (score ${r.score})`}.`);
  if (r.reasons.length) parts.push(`Why: ${r.reasons.join('; ')}.`);
  const providers = PROVIDER_LABELS.filter(([k]) => r[k]).map(([k, label]) => `${label}: ${String(r[k])}`);
  if (providers.length) parts.push(`Providers: ${providers.join('; ')}.`);
  if (r.industryCode) parts.push(`Industry code: ${r.industryCode}.`);
  return parts.join(' ');
}

export const SALESFORCE_LEAD_COLUMNS: readonly CrmColumn[] = [
  { header: 'Last Name', value: (r) => r.name.trim() || 'Unknown' },
  { header: 'Company', value: (r) => r.name.trim() || 'Unknown' },
  { header: 'Street', value: (r) => r.address },
  { header: 'City', value: (r) => r.city },
  { header: 'State/Province', value: (r) => r.region },
  { header: 'Zip/Postal Code', value: (r) => r.postalCode },
  { header: 'Country', value: (r) => r.country },
  { header: 'Phone', value: (r) => formatPhone(r.phone, r.country) },
  { header: 'Website', value: websiteOf },
  { header: 'Email', value: (r) => r.email },
  { header: 'No. of Employees', value: (r) => r.employees },
  { header: 'Annual Revenue', value: (r) => r.revenue },
  { header: 'Lead Source', value: () => 'Prospector' },
  { header: 'Rating', value: ratingOf },
  { header: 'Description', value: describe },
];

export const HUBSPOT_COMPANY_COLUMNS: readonly CrmColumn[] = [
  { header: 'Company name', value: (r) => r.name },
  { header: 'Company Domain Name', value: (r) => r.domain },
  { header: 'Phone Number', value: (r) => formatPhone(r.phone, r.country) },
  { header: 'Street Address', value: (r) => r.address },
  { header: 'City', value: (r) => r.city },
  { header: 'State/Region', value: (r) => r.region },
  { header: 'Postal Code', value: (r) => r.postalCode },
  { header: 'Country/Region', value: (r) => r.country },
  { header: 'Number of Employees', value: (r) => r.employees },
  { header: 'Annual Revenue', value: (r) => r.revenue },
  { header: 'Description', value: describe },
  { header: 'Prospector ID', value: (r) => r.externalId },
  { header: 'Prospector Tier', value: (r) => r.tier },
  { header: 'Prospector Score', value: (r) => r.score },
  { header: 'Prospector Reasons', value: (r) => (r.reasons.length ? r.reasons.join('; ') : null) },
  { header: 'Web Presence', value: (r) => r.presence },
  { header: 'ISP', value: (r) => r.isp },
  { header: 'Email Provider', value: (r) => r.emailProvider },
  { header: 'Email Gateway', value: (r) => r.emailGateway },
  { header: 'Web Host', value: (r) => r.webHost },
  { header: 'DNS Provider', value: (r) => r.dnsProvider },
  { header: 'Ecommerce Platform', value: (r) => r.ecommercePlatform },
  { header: 'CMS', value: (r) => r.cms },
  { header: 'VoIP Provider', value: (r) => r.voipProvider },
];

export const CRM_COLUMNS: Record<CrmLayout, readonly CrmColumn[]> = {
  salesforce: SALESFORCE_LEAD_COLUMNS,
  hubspot: HUBSPOT_COMPANY_COLUMNS,
};
