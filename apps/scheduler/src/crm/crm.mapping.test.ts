import { describe, expect, it } from 'vitest';
import { HUBSPOT_COMPANY_COLUMNS, SALESFORCE_LEAD_COLUMNS } from '../export/crm.columns.ts';
import type { CrmRecord } from '../export/crm.records.ts';
import { CrmMappingError, defaultCrmMapping, mapRecord, parseCrmMapping } from './crm.mapping.ts';

const record: CrmRecord = {
  externalId: 'R-1', name: 'Acme Plumbing', address: '12 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US',
  phone: '+16145550100', website: null, email: 'info@acme.com', employees: 12, revenue: 1500000, industryCode: '1711',
  domain: 'acme.com', presence: 'website', emailProvider: 'microsoft-365', emailGateway: null, webHost: 'squarespace', dnsProvider: 'godaddy',
  isp: 'comcast-business', ecommercePlatform: null, cms: null, voipProvider: null, score: 87, tier: 'A', reasons: ['Comcast Business customer', 'Microsoft 365'],
};

/** Each export header and the CRM API name the default mapping sends it as. */
const HUBSPOT_NAMES: Record<string, string> = {
  'Company name': 'name', 'Company Domain Name': 'domain', 'Phone Number': 'phone', 'Street Address': 'address', City: 'city', 'State/Region': 'state',
  'Postal Code': 'zip', 'Country/Region': 'country', 'Number of Employees': 'numberofemployees', 'Annual Revenue': 'annualrevenue', Description: 'description',
  'Prospector ID': 'prospector_list_id', 'Prospector Tier': 'prospector_tier', 'Prospector Score': 'prospector_score', 'Prospector Reasons': 'prospector_reasons',
  'Web Presence': 'prospector_web_presence', ISP: 'prospector_isp', 'Email Provider': 'prospector_email_provider', 'Email Gateway': 'prospector_email_gateway',
  'Web Host': 'prospector_web_host', 'DNS Provider': 'prospector_dns_provider', 'Ecommerce Platform': 'prospector_ecommerce_platform', CMS: 'prospector_cms', 'VoIP Provider': 'prospector_voip_provider',
};
const SALESFORCE_NAMES: Record<string, string> = {
  'Last Name': 'LastName', Company: 'Company', Street: 'Street', City: 'City', 'State/Province': 'State', 'Zip/Postal Code': 'PostalCode', Country: 'Country',
  Phone: 'Phone', Website: 'Website', Email: 'Email', 'No. of Employees': 'NumberOfEmployees', 'Annual Revenue': 'AnnualRevenue', 'Lead Source': 'LeadSource',
  Rating: 'Rating', Description: 'Description',
};

describe('default CRM mappings', () => {
  it('send what the HubSpot file export writes, column for column', () => {
    const pushed = mapRecord(defaultCrmMapping('hubspot'), record, null);
    for (const column of HUBSPOT_COMPANY_COLUMNS) expect([column.header, pushed[HUBSPOT_NAMES[column.header]!]]).toEqual([column.header, column.value(record)]);
    expect(Object.keys(pushed).sort()).toEqual(Object.values(HUBSPOT_NAMES).sort());
  });

  it('send what the Salesforce file export writes, plus the lead status', () => {
    const pushed = mapRecord(defaultCrmMapping('salesforce'), record, 'qualified');
    for (const column of SALESFORCE_LEAD_COLUMNS) expect([column.header, pushed[SALESFORCE_NAMES[column.header]!]]).toEqual([column.header, column.value(record)]);
    expect(pushed.Status).toBe('Working - Contacted');
    expect(mapRecord(defaultCrmMapping('salesforce'), record, 'won').Status).toBeUndefined();
    expect(mapRecord(defaultCrmMapping('salesforce'), record, null).Status).toBeUndefined();
  });
});

describe('mapping files', () => {
  it('extend the defaults, replace a field, drop one, and remap a status', () => {
    const m = parseCrmMapping('salesforce', { extends: 'default', fields: { Industry: 'industryCode', Email: null, LeadSource: { const: 'Purchased List' } }, leadStatus: { qualified: 'Qualified' } });
    const pushed = mapRecord(m, record, 'qualified');
    expect(pushed).toMatchObject({ Industry: '1711', LeadSource: 'Purchased List', Status: 'Qualified' });
    expect('Email' in pushed).toBe(false);
  });

  it('are refused naming the field', () => {
    const bad = (input: unknown) => () => parseCrmMapping('hubspot', input, 'map.json');
    expect(bad({ fields: { industry: 'industy' } })).toThrow(/map\.json: field "industry": unknown source "industy"/);
    expect(bad({ fields: { prospector_id: 'name' } })).toThrow(/field "prospector_id" is the upsert key/);
    expect(bad({ fields: { 'bad name': 'name' } })).toThrow(/field "bad name" is not a CRM API name/);
    expect(bad({ fields: { name: 42 } })).toThrow(/field "name": expected a source name/);
    expect(bad({ fields: {} })).toThrow(/"fields" must map at least one/);
    expect(bad({ fields: { name: 'name' }, leadStatus: { hot: 'x' } })).toThrow(/leadStatus "hot" is not a Prospector status/);
    expect(bad({ fields: { name: 'name' }, objekt: 'x' })).toThrow(/unknown key "objekt"/);
    expect(bad([])).toThrow(CrmMappingError);
  });
});
