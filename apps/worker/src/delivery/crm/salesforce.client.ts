// Salesforce through the REST API: describe for the fields and restricted picklists, and
// sObject Collections upsert by the external id Prospector_Id__c (at most 200, allOrNone
// false, results in order). Sforce-Auto-Assign is always sent, since its absence means TRUE.
// An expired access token (401 INVALID_SESSION_ID) is refreshed with the refresh token and
// the request retried once.
import { parseRetryAfter } from '../webhook-http.ts';
import { excerpt, type CrmHttp, type CrmHttpResponse } from './crm-http.ts';
import { CRM_BATCH_CAP, CRM_ID_FIELD, CrmConfigError, CrmRetryError, type CrmClient, type CrmFieldInfo, type CrmSchema, type CrmUpsertInput, type CrmUpsertResult } from './crm.types.ts';

export interface SalesforceAuth {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken?: string | undefined;
  instanceUrl?: string | undefined;
}

export interface SalesforceClientOptions {
  /** The login (token) URL's origin, e.g. https://login.salesforce.com. */
  baseUrl: string;
  auth: SalesforceAuth;
  apiVersion: string;
  object: string;
  /** TRUE, FALSE or an assignment rule id. */
  autoAssign: string;
  http: CrmHttp;
  /** Told of a refreshed token so it outlives this client. */
  onToken?: (accessToken: string, instanceUrl: string) => Promise<void>;
}

interface SfDescribe {
  fields?: { name: string; type: string; externalId?: boolean; restrictedPicklist?: boolean; picklistValues?: { value: string; active?: boolean }[] }[];
}

type SfResult = { id?: string; success: boolean; created?: boolean; errors?: { statusCode?: string; message?: string; fields?: string[] }[] };

/** Per-record errors a later attempt can get past. */
const RETRYABLE = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
const ID = CRM_ID_FIELD.salesforce;

export function createSalesforceClient(o: SalesforceClientOptions): CrmClient {
  if (!/^v\d+\.\d$/.test(o.apiVersion) || Number(o.apiVersion.slice(1)) < 46) throw new CrmConfigError(`Salesforce API version ${o.apiVersion}: sObject Collections upsert needs v46.0 or later`);
  let accessToken = o.auth.accessToken;
  let instanceUrl = (o.auth.instanceUrl ?? o.baseUrl).replace(/\/+$/, '');
  const dataPath = `/services/data/${o.apiVersion}`;

  async function refresh(signal?: AbortSignal): Promise<void> {
    const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: o.auth.clientId, client_secret: o.auth.clientSecret, refresh_token: o.auth.refreshToken }).toString();
    const response = await o.http.request('POST', `${o.baseUrl.replace(/\/+$/, '')}/services/oauth2/token`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal });
    const token = response.json as { access_token?: string; instance_url?: string; error?: string; error_description?: string } | undefined;
    if (response.status >= 500) throw new CrmRetryError(`Salesforce token endpoint answered ${response.status}`, null);
    if (response.status !== 200 || !token?.access_token) throw new CrmConfigError(`Salesforce refused the refresh token (${response.status} ${token?.error ?? ''}: ${token?.error_description ?? excerpt(response)}); run prospector crm connect salesforce again`);
    accessToken = token.access_token;
    instanceUrl = (token.instance_url ?? instanceUrl).replace(/\/+$/, '');
    await o.onToken?.(accessToken, instanceUrl);
  }

  async function call(method: string, path: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<CrmHttpResponse> {
    if (!accessToken) await refresh(signal);
    for (let refreshed = false; ; refreshed = true) {
      const response = await o.http.request(method, `${instanceUrl}${path}`, {
        headers: { authorization: `Bearer ${accessToken}`, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
      if (response.status === 401 && !refreshed && errorCodes(response).includes('INVALID_SESSION_ID')) {
        await refresh(signal);
        continue;
      }
      if (response.status === 401) throw new CrmConfigError(`Salesforce refused the session after a refresh: ${excerpt(response)}`);
      if (response.status === 403 && errorCodes(response).includes('REQUEST_LIMIT_EXCEEDED')) throw new CrmRetryError('Salesforce API request limit exceeded (REQUEST_LIMIT_EXCEEDED)', parseRetryAfter(response.headers['retry-after']) ?? 3_600_000);
      if (response.status >= 500) throw new CrmRetryError(`Salesforce answered ${response.status}`, parseRetryAfter(response.headers['retry-after']));
      return response;
    }
  }

  async function describe(signal?: AbortSignal): Promise<CrmSchema> {
    const response = await call('GET', `${dataPath}/sobjects/${o.object}/describe`, undefined, {}, signal);
    if (response.status !== 200) throw new CrmConfigError(`Salesforce describe of ${o.object} answered ${response.status}: ${excerpt(response)}`);
    const list = (response.json as SfDescribe | undefined)?.fields ?? [];
    // Only a restricted picklist refuses a value outside it; an unrestricted one stores it.
    const fields = new Map<string, CrmFieldInfo>(list.map((f) => [f.name, { name: f.name, type: f.type, options: f.restrictedPicklist ? (f.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value) : null }]));
    return { object: o.object, fields, idFieldReady: list.some((f) => f.name === ID && f.externalId === true) };
  }

  async function upsertBatch(batch: readonly CrmUpsertInput[], signal?: AbortSignal): Promise<CrmUpsertResult[]> {
    if (batch.length > CRM_BATCH_CAP.salesforce) throw new Error(`a Salesforce collection holds at most ${CRM_BATCH_CAP.salesforce} records, got ${batch.length}`);
    const records = batch.map((i) => ({ attributes: { type: o.object }, ...i.properties, [ID]: i.key }));
    const response = await call('PATCH', `${dataPath}/composite/sobjects/${o.object}/${ID}`, { allOrNone: false, records }, { 'sforce-auto-assign': o.autoAssign }, signal);
    if (response.status === 400 && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return [...(await upsertBatch(batch.slice(0, half), signal)), ...(await upsertBatch(batch.slice(half), signal))];
    }
    if (response.status === 400) return [{ key: batch[0]!.key, outcome: 'rejected', error: `Salesforce: ${excerpt(response)}` }];
    if (response.status !== 200 || !Array.isArray(response.json)) throw new CrmRetryError(`Salesforce collections upsert answered ${response.status}: ${excerpt(response)}`, null);
    const results = response.json as SfResult[];
    return batch.map((input, i): CrmUpsertResult => {
      const r = results[i];
      if (!r) return { key: input.key, outcome: 'retry', error: 'Salesforce returned no result for this record' };
      if (r.success && r.id) return { key: input.key, outcome: 'sent', crmId: r.id, created: r.created === true };
      const errors = r.errors ?? [];
      const text = errors.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''}`).join('; ');
      const retry = errors.length > 0 && errors.every((e) => RETRYABLE.has(e.statusCode ?? ''));
      return { key: input.key, outcome: retry ? 'retry' : 'rejected', error: `Salesforce ${text}` };
    });
  }

  return {
    kind: 'salesforce',
    batchSize: CRM_BATCH_CAP.salesforce,
    describe,
    async prepare(fields, signal) {
      const schema = await describe(signal);
      if (!schema.idFieldReady) throw new CrmConfigError(`Salesforce ${o.object} has no External ID field ${ID}: create a Text(64) field named Prospector_Id with "External ID" and "Unique" ticked (Setup → Object Manager → ${o.object})`);
      for (const name of fields) if (!schema.fields.has(name)) throw new CrmConfigError(`mapping field "${name}": Salesforce ${o.object} has no field ${name}`);
    },
    upsert: upsertBatch,
  };
}

function errorCodes(response: CrmHttpResponse): string[] {
  return Array.isArray(response.json) ? (response.json as { errorCode?: string }[]).map((e) => e.errorCode ?? '') : [];
}
