// A HubSpot-like companies API: the properties API, and batch upsert keyed by a unique
// property with HubSpot's quirks — at most 100 inputs, 207 multi-status for partial failure,
// enumeration properties refusing unknown options, and a ten-second rolling rate limit
// answered with 429, a policyName and the X-HubSpot-RateLimit-* headers.
import { bump, parseJson, type SimRequest, type SimResponse } from './crm-sim.http.ts';

export interface SimProperty {
  name: string;
  type: 'string' | 'number' | 'enumeration' | 'date';
  fieldType?: string;
  hasUniqueValue?: boolean;
  options?: string[];
}

export interface HubSpotSimOptions {
  accessToken: string;
  /** Requests allowed per rolling interval before a 429 (HubSpot Free/Starter: 100 per 10 s). */
  maxPerInterval?: number;
  intervalMs?: number;
  dailyLimit?: number;
}

export interface HubSpotCompany {
  id: string;
  properties: Record<string, string>;
}

const BATCH_CAP = 100;
const DEFAULT_PROPERTIES: SimProperty[] = [
  'name', 'domain', 'phone', 'address', 'city', 'state', 'zip', 'country', 'description', 'website',
].map((name) => ({ name, type: 'string' as const }));

export class HubSpotSim {
  readonly properties = new Map<string, SimProperty>();
  readonly companies = new Map<string, HubSpotCompany>();
  /** Upsert inputs seen per idProperty value, whatever the outcome. */
  readonly seen = new Map<string, number>();
  /** Companies created per idProperty value: more than 1 is a duplicate. */
  readonly created = new Map<string, number>();
  readonly batchSizes: number[] = [];
  /** Reads of the companies' property list (a connector's describe). */
  propertyListReads = 0;
  /** Answer the next N upsert requests with 429 TEN_SECONDLY_ROLLING. */
  throttleNext = 0;
  /** Fail these idProperty values once each inside a 207, as a transient per-record error. */
  readonly failOnce = new Set<string>();
  /** Apply the next N upserts, then never answer them. */
  hangNext = 0;
  throttled = 0;
  private window: number[] = [];
  private daily = 0;
  private nextId = 1000;

  constructor(private readonly options: HubSpotSimOptions) {
    for (const p of DEFAULT_PROPERTIES) this.properties.set(p.name, p);
    for (const name of ['numberofemployees', 'annualrevenue']) this.properties.set(name, { name, type: 'number' });
  }

  addProperty(p: SimProperty): void {
    this.properties.set(p.name, p);
  }

  /** Companies whose idProperty value was created more than once. */
  duplicates(): string[] {
    return [...this.created].filter(([, n]) => n > 1).map(([k]) => k);
  }

  handle(req: SimRequest): SimResponse | undefined {
    if (!req.path.startsWith('/crm/v3/')) return undefined;
    if (req.headers.authorization !== `Bearer ${this.options.accessToken}`) {
      return { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' } };
    }
    const limit = this.rateLimit();
    if (limit.throttled) return limit.throttled;
    const reply = (r: SimResponse): SimResponse => ({ ...r, headers: { ...limit.headers, ...(r.headers ?? {}) } });
    if (req.method === 'GET' && req.path === '/crm/v3/properties/companies') {
      this.propertyListReads++;
      return reply({ status: 200, body: { results: [...this.properties.values()].map(propertyJson) } });
    }
    const one = /^\/crm\/v3\/properties\/companies\/([\w-]+)$/.exec(req.path);
    if (req.method === 'GET' && one) {
      const p = this.properties.get(one[1]!);
      return reply(p ? { status: 200, body: propertyJson(p) } : { status: 404, body: { status: 'error', category: 'OBJECT_NOT_FOUND', message: `Unable to find property ${one[1]}` } });
    }
    if (req.method === 'POST' && req.path === '/crm/v3/properties/companies') return reply(this.createProperty(req.body));
    if (req.method === 'POST' && req.path === '/crm/v3/objects/companies/batch/upsert') return reply(this.upsert(req.body));
    return reply({ status: 404, body: { status: 'error', category: 'OBJECT_NOT_FOUND', message: `no route ${req.method} ${req.path}` } });
  }

  private rateLimit(): { throttled?: SimResponse; headers: Record<string, string> } {
    const now = Date.now();
    const interval = this.options.intervalMs ?? 10_000;
    const max = this.options.maxPerInterval ?? 100;
    this.window = this.window.filter((t) => now - t < interval);
    const policy = (policyName: string, message: string): SimResponse => {
      this.throttled++;
      return {
        status: 429,
        headers: { ...this.limitHeaders(max, 0, interval), 'retry-after': String(Math.max(1, Math.ceil(interval / 1000))) },
        body: { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: `sim-${now}`, policyName, groupName: 'sim-app' },
      };
    };
    if (this.daily >= (this.options.dailyLimit ?? 250_000)) return { throttled: policy('DAILY', 'You have reached your daily limit.'), headers: {} };
    if (this.window.length >= max) return { throttled: policy('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.'), headers: {} };
    this.window.push(now);
    this.daily++;
    return { headers: this.limitHeaders(max, max - this.window.length, interval) };
  }

  private limitHeaders(max: number, remaining: number, interval: number): Record<string, string> {
    const daily = this.options.dailyLimit ?? 250_000;
    return {
      'x-hubspot-ratelimit-max': String(max),
      'x-hubspot-ratelimit-remaining': String(remaining),
      'x-hubspot-ratelimit-interval-milliseconds': String(interval),
      'x-hubspot-ratelimit-daily': String(daily),
      'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, daily - this.daily)),
    };
  }

  private createProperty(body: string): SimResponse {
    const input = parseJson(body) as Partial<SimProperty> & { label?: string } | undefined;
    if (!input?.name || !input.type) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'name and type are required' } };
    if (this.properties.has(input.name)) return { status: 409, body: { status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: `A property named '${input.name}' already exists.` } };
    const p: SimProperty = { name: input.name, type: input.type, hasUniqueValue: input.hasUniqueValue === true, ...(input.options ? { options: input.options } : {}) };
    this.properties.set(p.name, p);
    return { status: 201, body: propertyJson(p) };
  }

  private upsert(body: string): SimResponse {
    if (this.throttleNext > 0) {
      this.throttleNext--;
      this.throttled++;
      const interval = this.options.intervalMs ?? 10_000;
      return {
        status: 429,
        headers: { ...this.limitHeaders(this.options.maxPerInterval ?? 100, 0, interval), 'retry-after': '1' },
        body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: 'sim', policyName: 'TEN_SECONDLY_ROLLING', groupName: 'sim-app' },
      };
    }
    const input = parseJson(body) as { inputs?: { id?: string; idProperty?: string; properties?: Record<string, unknown> }[] } | undefined;
    const inputs = input?.inputs;
    if (!Array.isArray(inputs)) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'inputs is required' } };
    if (inputs.length > BATCH_CAP) return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: `Batch input cannot exceed ${BATCH_CAP} inputs (got ${inputs.length})` } };
    this.batchSizes.push(inputs.length);
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const i of inputs) {
      const key = String(i.id ?? '');
      bump(this.seen, key);
      const idProp = i.idProperty ? this.properties.get(i.idProperty) : undefined;
      if (!idProp?.hasUniqueValue) {
        errors.push(error('VALIDATION_ERROR', `${i.idProperty ?? '(none)'} is not a unique property`, key));
        continue;
      }
      if (this.failOnce.delete(key)) {
        errors.push(error('INTERNAL_ERROR', 'transient failure writing the record; retry', key));
        continue;
      }
      const bad = this.invalidProperty(i.properties ?? {});
      if (bad) {
        errors.push(error('VALIDATION_ERROR', bad, key));
        continue;
      }
      const props = Object.fromEntries(Object.entries(i.properties ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
      const existing = [...this.companies.values()].find((c) => c.properties[idProp.name] === key);
      if (existing) {
        Object.assign(existing.properties, props);
        results.push({ id: existing.id, properties: existing.properties, new: false, archived: false });
      } else {
        const company = { id: String(this.nextId++), properties: { ...props, [idProp.name]: key } };
        this.companies.set(company.id, company);
        bump(this.created, key);
        results.push({ id: company.id, properties: company.properties, new: true, archived: false });
      }
    }
    const hang = this.hangNext > 0;
    if (hang) this.hangNext--;
    if (errors.length) return { status: 207, hang, body: { status: 'COMPLETE', results, numErrors: errors.length, errors } };
    return { status: 200, hang, body: { status: 'COMPLETE', results } };
  }

  private invalidProperty(properties: Record<string, unknown>): string | null {
    for (const [name, value] of Object.entries(properties)) {
      const p = this.properties.get(name);
      if (!p) return `Property "${name}" does not exist`;
      if (p.type === 'enumeration' && value !== null && value !== '' && !p.options?.includes(String(value))) {
        return `${String(value)} was not one of the allowed options for ${name}: [${(p.options ?? []).join(', ')}]`;
      }
    }
    return null;
  }
}

function error(category: string, message: string, id: string) {
  return { status: 'error', category, message, context: { ids: [id] } };
}

function propertyJson(p: SimProperty) {
  return {
    name: p.name,
    label: p.name,
    type: p.type,
    fieldType: p.fieldType ?? (p.type === 'enumeration' ? 'select' : 'text'),
    hasUniqueValue: p.hasUniqueValue === true,
    options: (p.options ?? []).map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
  };
}
