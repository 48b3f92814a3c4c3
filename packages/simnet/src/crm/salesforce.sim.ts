// A Salesforce-like org: the OAuth refresh-token flow, sObject describe, and sObject
// Collections upsert by an external-id field with Salesforce's quirks — at most 200 records,
// allOrNone, per-record results in order, restricted picklists refusing unknown values,
// access tokens that expire (401 INVALID_SESSION_ID), and the Sforce-Auto-Assign header
// recorded as received.
import { randomBytes } from 'node:crypto';
import { bump, parseJson, type SimRequest, type SimResponse } from './crm-sim.http.ts';

export interface SfField {
  name: string;
  type: 'string' | 'picklist' | 'double' | 'int' | 'currency' | 'email' | 'phone' | 'url' | 'textarea';
  externalId?: boolean;
  picklist?: string[];
  /** Required on create (LastName and Company on Lead). */
  required?: boolean;
}

export interface SalesforceSimOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  object?: string;
  /** The org's Lead Source options; "Prospector" is one by default, as an admin adds it. */
  leadSources?: string[];
}

const COLLECTION_CAP = 200;

export class SalesforceSim {
  readonly objectName: string;
  readonly fields = new Map<string, SfField>();
  readonly records = new Map<string, { Id: string; fields: Record<string, unknown> }>();
  readonly seen = new Map<string, number>();
  readonly created = new Map<string, number>();
  readonly batchSizes: number[] = [];
  /** `Sforce-Auto-Assign` of every upsert request ('(absent)' when not sent). */
  readonly autoAssign: string[] = [];
  readonly failOnce = new Set<string>();
  tokenRefreshes = 0;
  expiredAnswers = 0;
  hangNext = 0;
  private tokens = new Set<string>();
  private nextId = 1;

  constructor(private readonly options: SalesforceSimOptions) {
    this.objectName = options.object ?? 'Lead';
    const text = (name: string, required = false): SfField => ({ name, type: 'string', required });
    for (const f of [text('LastName', true), text('Company', true), text('Street'), text('City'), text('State'), text('PostalCode'), text('Country'), text('Description')]) this.fields.set(f.name, f);
    this.fields.set('Phone', { name: 'Phone', type: 'phone' });
    this.fields.set('Website', { name: 'Website', type: 'url' });
    this.fields.set('Email', { name: 'Email', type: 'email' });
    this.fields.set('NumberOfEmployees', { name: 'NumberOfEmployees', type: 'int' });
    this.fields.set('AnnualRevenue', { name: 'AnnualRevenue', type: 'currency' });
    this.fields.set('LeadSource', { name: 'LeadSource', type: 'picklist', picklist: options.leadSources ?? ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other', 'Prospector'] });
    this.fields.set('Rating', { name: 'Rating', type: 'picklist', picklist: ['Hot', 'Warm', 'Cold'] });
    this.fields.set('Status', { name: 'Status', type: 'picklist', picklist: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'] });
    this.fields.set('Prospector_Id__c', { name: 'Prospector_Id__c', type: 'string', externalId: true });
  }

  /** Every access token issued so far stops working, as when a session times out. */
  expireTokens(): void {
    this.tokens.clear();
  }

  issueToken(): string {
    const token = `00Dsim!${randomBytes(12).toString('hex')}`;
    this.tokens.add(token);
    return token;
  }

  duplicates(): string[] {
    return [...this.created].filter(([, n]) => n > 1).map(([k]) => k);
  }

  handle(req: SimRequest, baseUrl: string): SimResponse | undefined {
    if (req.method === 'POST' && req.path === '/services/oauth2/token') return this.token(req.body, baseUrl);
    const m = /^\/services\/data\/v(\d+)\.\d\/(.*)$/.exec(req.path);
    if (!m) return undefined;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) {
      this.expiredAnswers++;
      return { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
    }
    if (Number(m[1]) < 46) return { status: 400, body: [{ message: 'sObject Collections upsert needs API 46.0 or later', errorCode: 'INVALID_VERSION' }] };
    const rest = m[2]!;
    if (req.method === 'GET' && rest === `sobjects/${this.objectName}/describe`) return { status: 200, body: this.describe() };
    if (req.method === 'PATCH' && rest.startsWith(`composite/sobjects/${this.objectName}/`)) {
      const header = req.headers['sforce-auto-assign'];
      this.autoAssign.push(Array.isArray(header) ? header.join(',') : header ?? '(absent)');
      return this.upsert(rest.slice(`composite/sobjects/${this.objectName}/`.length), req.body);
    }
    return { status: 404, body: [{ message: `The requested resource does not exist: ${rest}`, errorCode: 'NOT_FOUND' }] };
  }

  private token(body: string, baseUrl: string): SimResponse {
    const form = new URLSearchParams(body);
    const ok = form.get('grant_type') === 'refresh_token' && form.get('client_id') === this.options.clientId
      && form.get('client_secret') === this.options.clientSecret && form.get('refresh_token') === this.options.refreshToken;
    if (!ok) return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
    this.tokenRefreshes++;
    return { status: 200, body: { access_token: this.issueToken(), instance_url: baseUrl, token_type: 'Bearer', issued_at: String(Date.now()), scope: 'api refresh_token' } };
  }

  private describe() {
    return {
      name: this.objectName,
      fields: [...this.fields.values()].map((f) => ({
        name: f.name,
        type: f.type,
        externalId: f.externalId === true,
        nillable: !f.required,
        createable: true,
        updateable: true,
        restrictedPicklist: f.type === 'picklist',
        picklistValues: (f.picklist ?? []).map((value, i) => ({ value, label: value, active: true, defaultValue: i === 0 })),
      })),
    };
  }

  private upsert(extIdField: string, body: string): SimResponse {
    const ext = this.fields.get(extIdField);
    if (!ext?.externalId) return { status: 404, body: [{ message: `Provided external ID field does not exist or is not accessible: ${extIdField}`, errorCode: 'NOT_FOUND' }] };
    const input = parseJson(body) as { allOrNone?: boolean; records?: Record<string, unknown>[] } | undefined;
    const records = input?.records;
    if (!Array.isArray(records)) return { status: 400, body: [{ message: 'records is required', errorCode: 'JSON_PARSER_ERROR' }] };
    if (records.length > COLLECTION_CAP) return { status: 400, body: [{ message: `Maximum number of records allowed is ${COLLECTION_CAP}`, errorCode: 'EXCEEDED_ID_LIMIT' }] };
    this.batchSizes.push(records.length);
    const results = records.map((r) => this.upsertOne(extIdField, r));
    if (input?.allOrNone && results.some((r) => !r.success)) {
      return { status: 200, body: results.map((r) => (r.success ? { success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid', fields: [] }] } : r)) };
    }
    const hang = this.hangNext > 0;
    if (hang) this.hangNext--;
    return { status: 200, hang, body: results };
  }

  private upsertOne(extIdField: string, r: Record<string, unknown>) {
    const key = typeof r[extIdField] === 'string' ? r[extIdField] : '';
    bump(this.seen, key);
    const fail = (statusCode: string, message: string, fields: string[] = []) => ({ success: false, errors: [{ statusCode, message, fields }] });
    if (!key) return fail('MISSING_ARGUMENT', `${extIdField} not specified`, [extIdField]);
    if (this.failOnce.delete(key)) return fail('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record');
    const { attributes: _attributes, ...values } = r;
    for (const [name, value] of Object.entries(values)) {
      const f = this.fields.get(name);
      if (!f) return fail('INVALID_FIELD', `No such column '${name}' on sobject of type ${this.objectName}`, [name]);
      if (f.type === 'picklist' && value !== null && !f.picklist?.includes(String(value))) {
        return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${String(value)}`, [name]);
      }
    }
    const existing = this.records.get(key);
    if (existing) {
      Object.assign(existing.fields, values);
      return { id: existing.Id, success: true, errors: [], created: false };
    }
    const missing = [...this.fields.values()].filter((f) => f.required && (values[f.name] === undefined || values[f.name] === null || values[f.name] === ''));
    if (missing.length) return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`, missing.map((f) => f.name));
    const Id = `00Q${String(this.nextId++).padStart(15, '0')}`;
    this.records.set(key, { Id, fields: { ...values } });
    bump(this.created, key);
    return { id: Id, success: true, errors: [], created: true };
  }
}
