// The simulator's own quirks, as the connectors meet them: batch caps, 207, 429 with a
// policy name and the rate headers, unique-property upserts, picklists, token expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrmSimulator, type CrmSimulator } from './crm-sim.server.ts';

let sim: CrmSimulator;
beforeAll(async () => {
  sim = await startCrmSimulator({ hubspot: { maxPerInterval: 3, intervalMs: 60_000 } });
});
afterAll(() => sim.close());

const hs = (path: string, body: unknown) =>
  fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer pat-sim-hubspot', 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('HubSpot-like', () => {
  it('refuses 101 inputs, upserts by the unique property, answers 207 and then 429 TEN_SECONDLY_ROLLING', async () => {
    await hs('/crm/v3/properties/companies', { name: 'prospector_id', type: 'string', hasUniqueValue: true });
    const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ idProperty: 'prospector_id', id: `k${i}`, properties: { name: `n${i}` } }));
    expect((await hs('/crm/v3/objects/companies/batch/upsert', { inputs: inputs(101) })).status).toBe(400);
    sim.hubspot.failOnce.add('k1');
    const partial = await hs('/crm/v3/objects/companies/batch/upsert', { inputs: inputs(2) });
    expect(partial.status).toBe(207);
    expect(((await partial.json()) as { numErrors: number }).numErrors).toBe(1);
    const limited = await hs('/crm/v3/objects/companies/batch/upsert', { inputs: inputs(2) });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { policyName: string }).policyName).toBe('TEN_SECONDLY_ROLLING');
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('60000');
    expect(sim.hubspot.companies.size).toBe(1);
  });
});

describe('Salesforce-like', () => {
  it('issues a token for the refresh token, refuses 201 records and restricted picklist values, expires sessions', async () => {
    const token = await fetch(`${sim.url}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'sim-client', client_secret: 'sim-secret', refresh_token: 'sim-refresh' }) });
    const { access_token } = (await token.json()) as { access_token: string };
    const patch = (records: unknown[]) => fetch(`${sim.url}/services/data/v62.0/composite/sobjects/Lead/Prospector_Id__c`, { method: 'PATCH', headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ allOrNone: false, records }) });
    const lead = (i: number, extra: object = {}) => ({ attributes: { type: 'Lead' }, Prospector_Id__c: `p${i}`, LastName: 'L', Company: 'C', ...extra });
    expect((await patch(Array.from({ length: 201 }, (_, i) => lead(i)))).status).toBe(400);
    const results = (await (await patch([lead(1), lead(2, { Rating: 'Lukewarm' })])).json()) as { success: boolean; errors: { statusCode: string }[] }[];
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(results[1]!.errors[0]!.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    sim.salesforce.expireTokens();
    const expired = await patch([lead(1)]);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_SESSION_ID');
  });
});
