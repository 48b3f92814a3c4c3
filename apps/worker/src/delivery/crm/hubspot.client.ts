// HubSpot companies through the CRM v3 API: properties (the unique `prospector_id` created on
// first push) and batch upsert keyed by it. Paced by the X-HubSpot-RateLimit-* headers; a 429
// is waited out in place when its policy is the rolling window (Retry-After, else the
// interval), and handed back as a CrmRetryError for the daily policy.
import { parseRetryAfter } from '../webhook-http.ts';
import { excerpt, sleep, type CrmHttp, type CrmHttpResponse } from './crm-http.ts';
import { CRM_BATCH_CAP, CRM_ID_FIELD, CrmConfigError, CrmRetryError, type CrmClient, type CrmFieldInfo, type CrmSchema, type CrmUpsertInput, type CrmUpsertResult, type CrmValue } from './crm.types.ts';

export interface HubSpotClientOptions {
  baseUrl: string;
  accessToken: string;
  http: CrmHttp;
  /** A rolling-window 429 is waited out in place up to this long, this many times, before the job retries later. */
  maxInPlaceWaitMs?: number;
  maxInPlaceRetries?: number;
}

interface HubSpotProperty {
  name: string;
  type: string;
  hasUniqueValue?: boolean;
  options?: { value: string; hidden?: boolean }[];
}

interface HubSpotBatchAnswer {
  results?: { id: string; new?: boolean; properties?: Record<string, string | null> }[];
  errors?: { category?: string; message?: string; context?: { ids?: string[] } }[];
}

/** Errors of a record's own content; anything else in a 207 is retried. */
const FINAL_CATEGORIES = new Set(['VALIDATION_ERROR', 'OBJECT_ALREADY_EXISTS', 'CONFLICT', 'INVALID_OPTION']);
const ROLLING_POLICIES = new Set(['TEN_SECONDLY_ROLLING', 'SECONDLY']);
const ID = CRM_ID_FIELD.hubspot;

export function createHubSpotClient(o: HubSpotClientOptions): CrmClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const maxWait = o.maxInPlaceWaitMs ?? 15_000;
  const maxRetries = o.maxInPlaceRetries ?? 5;
  let notBefore = 0;

  async function call(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<CrmHttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const wait = notBefore - Date.now();
      if (wait > 0) await sleep(wait, signal);
      const response = await o.http.request(method, `${base}${path}`, {
        headers: { authorization: `Bearer ${o.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      pace(response);
      if (response.status === 401 || response.status === 403) throw new CrmConfigError(`HubSpot refused the access token (${response.status}): ${excerpt(response)}`);
      if (response.status >= 500) throw new CrmRetryError(`HubSpot answered ${response.status}`, parseRetryAfter(response.headers['retry-after']));
      if (response.status !== 429) return response;
      const policy = (response.json as { policyName?: string } | undefined)?.policyName ?? 'unknown';
      const after = parseRetryAfter(response.headers['retry-after']) ?? intervalOf(response) ?? 10_000;
      if (!ROLLING_POLICIES.has(policy) || after > maxWait || attempt >= maxRetries) {
        throw new CrmRetryError(`HubSpot rate limit ${policy} (429)`, policy === 'DAILY' ? Math.max(after, 3_600_000) : after);
      }
      notBefore = Date.now() + after;
    }
  }

  /** When the window's remaining calls reach zero, the next request waits for the interval. */
  function pace(response: CrmHttpResponse): void {
    const remaining = Number(response.headers['x-hubspot-ratelimit-remaining']);
    const interval = intervalOf(response);
    if (Number.isFinite(remaining) && remaining <= 0 && interval !== null) notBefore = Math.max(notBefore, Date.now() + interval);
  }

  async function properties(signal?: AbortSignal): Promise<HubSpotProperty[]> {
    const response = await call('GET', '/crm/v3/properties/companies', undefined, signal);
    if (response.status !== 200) throw new CrmConfigError(`HubSpot properties API answered ${response.status}: ${excerpt(response)}`);
    return (response.json as { results?: HubSpotProperty[] } | undefined)?.results ?? [];
  }

  async function describe(signal?: AbortSignal): Promise<CrmSchema> {
    const list = await properties(signal);
    const fields = new Map<string, CrmFieldInfo>(list.map((p) => [p.name, { name: p.name, type: p.type, options: p.type === 'enumeration' ? (p.options ?? []).filter((x) => !x.hidden).map((x) => x.value) : null }]));
    const id = list.find((p) => p.name === ID);
    if (id && !id.hasUniqueValue) throw new CrmConfigError(`HubSpot company property ${ID} exists but is not unique (hasUniqueValue): batch upsert needs a unique property`);
    return { object: 'companies', fields, idFieldReady: Boolean(id) };
  }

  async function createProperty(name: string, unique: boolean, signal?: AbortSignal): Promise<void> {
    const label = name.replace(/^prospector_/, 'Prospector ').replace(/_/g, ' ');
    const response = await call('POST', '/crm/v3/properties/companies', { name, label, type: 'string', fieldType: 'text', groupName: 'companyinformation', hasUniqueValue: unique }, signal);
    // 409: created meanwhile (a concurrent push), which is what we wanted.
    if (response.status !== 201 && response.status !== 200 && response.status !== 409) throw new CrmConfigError(`HubSpot refused to create company property ${name} (${response.status}): ${excerpt(response)}`);
  }

  return {
    kind: 'hubspot',
    batchSize: CRM_BATCH_CAP.hubspot,
    describe,
    async prepare(fields, signal) {
      const schema = await describe(signal);
      if (!schema.idFieldReady) await createProperty(ID, true, signal);
      for (const name of fields) {
        if (schema.fields.has(name)) continue;
        // Prospector's own properties are created like the id; a missing standard property is the mapping's mistake.
        if (!name.startsWith('prospector_')) throw new CrmConfigError(`mapping field "${name}": HubSpot has no company property ${name}`);
        await createProperty(name, false, signal);
      }
    },
    async upsert(batch, signal) {
      return upsertBatch(batch, signal);
    },
  };

  async function upsertBatch(batch: readonly CrmUpsertInput[], signal?: AbortSignal): Promise<CrmUpsertResult[]> {
    if (batch.length > CRM_BATCH_CAP.hubspot) throw new Error(`a HubSpot batch holds at most ${CRM_BATCH_CAP.hubspot} inputs, got ${batch.length}`);
    const inputs = batch.map((i) => ({ idProperty: ID, id: i.key, properties: stringify(i.properties) }));
    const response = await call('POST', '/crm/v3/objects/companies/batch/upsert', { inputs }, signal);
    if (response.status === 400 && batch.length > 1) {
      // One bad input can fail a whole batch: halve until the bad one stands alone.
      const half = Math.ceil(batch.length / 2);
      return [...(await upsertBatch(batch.slice(0, half), signal)), ...(await upsertBatch(batch.slice(half), signal))];
    }
    if (response.status === 400) return [{ key: batch[0]!.key, outcome: 'rejected', error: `HubSpot: ${messageOf(response)}` }];
    if (response.status !== 200 && response.status !== 201 && response.status !== 207) throw new CrmRetryError(`HubSpot batch upsert answered ${response.status}: ${excerpt(response)}`, null);
    const answer = (response.json ?? {}) as HubSpotBatchAnswer;
    const byKey = new Map<string, CrmUpsertResult>();
    for (const r of answer.results ?? []) {
      const key = r.properties?.[ID];
      if (key) byKey.set(key, { key, outcome: 'sent', crmId: r.id, created: r.new === true });
    }
    for (const e of answer.errors ?? []) {
      for (const key of e.context?.ids ?? []) {
        const final = FINAL_CATEGORIES.has(e.category ?? '');
        byKey.set(key, { key, outcome: final ? 'rejected' : 'retry', error: `HubSpot ${e.category ?? 'error'}: ${e.message ?? ''}`.trim() });
      }
    }
    return batch.map((i) => byKey.get(i.key) ?? { key: i.key, outcome: 'retry', error: 'HubSpot returned no result for this input' });
  }
}

/** HubSpot property values are strings; an empty string clears one. */
function stringify(properties: Record<string, CrmValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function intervalOf(response: CrmHttpResponse): number | null {
  const v = Number(response.headers['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(v) && v > 0 ? v : null;
}

function messageOf(response: CrmHttpResponse): string {
  const m = (response.json as { message?: string } | undefined)?.message;
  return m ?? excerpt(response);
}
