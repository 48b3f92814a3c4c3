// The CRM field mapping: which CRM field gets which Prospector value. A mapping file (JSON)
// names each CRM field's source from a closed list, or a constant; it is validated whole
// before anything is pushed, and a bad entry is refused naming the field. The defaults are
// the file exports' columns under the CRMs' API names (crm.mapping.test.ts checks they
// produce the same values as the export layouts).
import { readFile } from 'node:fs/promises';
import { CRM_ID_FIELD, type CrmKind, type CrmValue } from '@prospector/worker';
import { describe as describeRecord, formatPhone, ratingOf, websiteOf } from '../export/crm.columns.ts';
import type { CrmRecord } from '../export/crm.records.ts';
import { LEAD_STATUSES, type LeadStatus } from '../leads/lead.states.ts';

export class CrmMappingError extends Error {
  override name = 'CrmMappingError';
}

/** What a value is computed from: the record, and the lead's status mapped onto the CRM's. */
interface SourceContext {
  record: CrmRecord;
  leadStatus: LeadStatus | null;
  statusMap: Partial<Record<LeadStatus, string | null>>;
}

const SOURCES = {
  name: (c) => c.record.name,
  nameOrUnknown: (c) => c.record.name.trim() || 'Unknown',
  domain: (c) => c.record.domain,
  phone: (c) => formatPhone(c.record.phone, c.record.country),
  address: (c) => c.record.address,
  city: (c) => c.record.city,
  region: (c) => c.record.region,
  postalCode: (c) => c.record.postalCode,
  country: (c) => c.record.country,
  website: (c) => websiteOf(c.record),
  email: (c) => c.record.email,
  employees: (c) => c.record.employees,
  revenue: (c) => c.record.revenue,
  industryCode: (c) => c.record.industryCode,
  description: (c) => describeRecord(c.record),
  rating: (c) => ratingOf(c.record),
  listRecordId: (c) => c.record.externalId,
  tier: (c) => c.record.tier,
  score: (c) => c.record.score,
  reasons: (c) => (c.record.reasons.length ? c.record.reasons.join('; ') : null),
  presence: (c) => c.record.presence,
  isp: (c) => c.record.isp,
  emailProvider: (c) => c.record.emailProvider,
  emailGateway: (c) => c.record.emailGateway,
  webHost: (c) => c.record.webHost,
  dnsProvider: (c) => c.record.dnsProvider,
  ecommercePlatform: (c) => c.record.ecommercePlatform,
  cms: (c) => c.record.cms,
  voipProvider: (c) => c.record.voipProvider,
  leadStatus: (c) => (c.leadStatus ? c.statusMap[c.leadStatus] ?? null : null),
} satisfies Record<string, (c: SourceContext) => CrmValue>;

export type CrmSource = keyof typeof SOURCES;
export const CRM_SOURCES = Object.keys(SOURCES) as CrmSource[];

export type FieldSource = { source: CrmSource } | { const: string | number };

export interface CrmMapping {
  object: string;
  fields: Record<string, FieldSource>;
  statusMap: Partial<Record<LeadStatus, string | null>>;
}

const HUBSPOT_DEFAULT: Record<string, CrmSource> = {
  name: 'name', domain: 'domain', phone: 'phone', address: 'address', city: 'city', state: 'region', zip: 'postalCode', country: 'country',
  numberofemployees: 'employees', annualrevenue: 'revenue', description: 'description', prospector_list_id: 'listRecordId',
  prospector_tier: 'tier', prospector_score: 'score', prospector_reasons: 'reasons', prospector_web_presence: 'presence', prospector_isp: 'isp',
  prospector_email_provider: 'emailProvider', prospector_email_gateway: 'emailGateway', prospector_web_host: 'webHost',
  prospector_dns_provider: 'dnsProvider', prospector_ecommerce_platform: 'ecommercePlatform', prospector_cms: 'cms', prospector_voip_provider: 'voipProvider',
};

const SALESFORCE_DEFAULT: Record<string, CrmSource> = {
  LastName: 'nameOrUnknown', Company: 'nameOrUnknown', Street: 'address', City: 'city', State: 'region', PostalCode: 'postalCode', Country: 'country',
  Phone: 'phone', Website: 'website', Email: 'email', NumberOfEmployees: 'employees', AnnualRevenue: 'revenue', Rating: 'rating', Description: 'description',
  Status: 'leadStatus',
};

/**
 * Prospector's lifecycle onto Salesforce's default Lead Status values. A converted status
 * (Closed - Converted) is reached only by lead conversion, never by an upsert, so won sends none.
 */
const SALESFORCE_STATUS: Partial<Record<LeadStatus, string | null>> = {
  new: 'Open - Not Contacted', assigned: 'Open - Not Contacted', 'passed-back': 'Open - Not Contacted',
  working: 'Working - Contacted', qualified: 'Working - Contacted', stale: 'Working - Contacted',
  won: null, lost: 'Closed - Not Converted', disqualified: 'Closed - Not Converted',
};

export function defaultCrmMapping(crm: CrmKind): CrmMapping {
  if (crm === 'hubspot') return { object: 'companies', fields: sourced(HUBSPOT_DEFAULT), statusMap: {} };
  return { object: 'Lead', fields: { ...sourced(SALESFORCE_DEFAULT), LeadSource: { const: 'Prospector' } }, statusMap: { ...SALESFORCE_STATUS } };
}

function sourced(m: Record<string, CrmSource>): Record<string, FieldSource> {
  return Object.fromEntries(Object.entries(m).map(([k, source]) => [k, { source }]));
}

/** The CRM's value for each mapped field. */
export function mapRecord(mapping: CrmMapping, record: CrmRecord, leadStatus: LeadStatus | null): Record<string, CrmValue> {
  const context: SourceContext = { record, leadStatus, statusMap: mapping.statusMap };
  const out: Record<string, CrmValue> = {};
  for (const [field, from] of Object.entries(mapping.fields)) {
    if ('const' in from) out[field] = from.const;
    else if (from.source === 'leadStatus' && (!leadStatus || mapping.statusMap[leadStatus] === null || mapping.statusMap[leadStatus] === undefined)) continue; // no status to set: the CRM keeps (or defaults) its own
    else out[field] = SOURCES[from.source](context);
  }
  return out;
}

/**
 * A mapping file: `{ "object"?: "Lead", "fields": { "CrmField": "source" | { "const": v } },
 * "leadStatus"?: { "<prospector status>": "<CRM value>" | null } }`; with `"extends": "default"`
 * its fields are added to (or replace) the defaults'. Throws CrmMappingError naming the field.
 */
export function parseCrmMapping(crm: CrmKind, input: unknown, origin = 'mapping'): CrmMapping {
  if (!isObject(input)) throw new CrmMappingError(`${origin}: expected a JSON object with "fields"`);
  const known = new Set(['object', 'fields', 'leadStatus', 'extends']);
  for (const k of Object.keys(input)) if (!known.has(k)) throw new CrmMappingError(`${origin}: unknown key "${k}" (expected object, fields, leadStatus, extends)`);
  if (input.extends !== undefined && input.extends !== 'default') throw new CrmMappingError(`${origin}: "extends" can only be "default"`);
  const base = input.extends === 'default' ? defaultCrmMapping(crm) : { ...defaultCrmMapping(crm), fields: {} };
  if (input.object !== undefined && (typeof input.object !== 'string' || !/^[A-Za-z][\w]*$/.test(input.object))) throw new CrmMappingError(`${origin}: "object" must be an API name such as Lead or Account`);
  if (crm === 'hubspot' && input.object !== undefined && input.object !== 'companies') throw new CrmMappingError(`${origin}: HubSpot pushes go to companies; "object" cannot be ${String(input.object)}`);
  if (!isObject(input.fields) || Object.keys(input.fields).length === 0) throw new CrmMappingError(`${origin}: "fields" must map at least one CRM field`);
  const fields: Record<string, FieldSource> = { ...base.fields };
  for (const [field, from] of Object.entries(input.fields)) {
    if (!/^[A-Za-z][\w]*$/.test(field)) throw new CrmMappingError(`${origin}: field "${field}" is not a CRM API name`);
    if (field.toLowerCase() === CRM_ID_FIELD[crm].toLowerCase()) throw new CrmMappingError(`${origin}: field "${field}" is the upsert key; Prospector fills it with the prospect's stable id`);
    if (typeof from === 'string') {
      if (!(CRM_SOURCES as string[]).includes(from)) throw new CrmMappingError(`${origin}: field "${field}": unknown source "${from}" (known: ${CRM_SOURCES.join(', ')})`);
      fields[field] = { source: from as CrmSource };
    } else if (isObject(from) && Object.keys(from).length === 1 && (typeof from.const === 'string' || typeof from.const === 'number')) {
      fields[field] = { const: from.const };
    } else if (from === null && input.extends === 'default') {
      delete fields[field];
    } else {
      throw new CrmMappingError(`${origin}: field "${field}": expected a source name or { "const": value }`);
    }
  }
  if (Object.keys(fields).length === 0) throw new CrmMappingError(`${origin}: the mapping leaves no field to push`);
  const statusMap = { ...base.statusMap };
  if (input.leadStatus !== undefined) {
    if (!isObject(input.leadStatus)) throw new CrmMappingError(`${origin}: "leadStatus" must map Prospector statuses to CRM values`);
    for (const [status, value] of Object.entries(input.leadStatus)) {
      if (!(LEAD_STATUSES as readonly string[]).includes(status)) throw new CrmMappingError(`${origin}: leadStatus "${status}" is not a Prospector status (${LEAD_STATUSES.join(', ')})`);
      if (value !== null && typeof value !== 'string') throw new CrmMappingError(`${origin}: leadStatus "${status}": expected a CRM value or null`);
      statusMap[status as LeadStatus] = value;
    }
  }
  return { object: typeof input.object === 'string' ? input.object : base.object, fields, statusMap };
}

export async function readCrmMappingFile(crm: CrmKind, path: string): Promise<CrmMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CrmMappingError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CrmMappingError(`${path}: not JSON (${(error as Error).message})`);
  }
  return parseCrmMapping(crm, json, path);
}

/** The stored form (what `crm connect --mapping` saved), read back. */
export function mappingOf(crm: CrmKind, stored: unknown): CrmMapping {
  if (stored === null || stored === undefined) return defaultCrmMapping(crm);
  return parseCrmMapping(crm, stored, `stored ${crm} mapping`);
}

export function storedMapping(mapping: CrmMapping): { object: string; fields: Record<string, string | { const: string | number }>; leadStatus: Partial<Record<LeadStatus, string | null>> } {
  return {
    object: mapping.object,
    fields: Object.fromEntries(Object.entries(mapping.fields).map(([k, v]) => [k, 'const' in v ? { const: v.const } : v.source])),
    leadStatus: mapping.statusMap,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
