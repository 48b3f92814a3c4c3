// One schema over the environment, parsed once at start-up. Each variable is declared
// once, with its default; an invalid value fails fast naming the variable.
import 'dotenv/config';
import { z } from 'zod';
import { QUEUE_NAMES, WORKER_QUEUE_NAMES } from './queues/names.ts';
import { DEFAULT_SCAN_WINDOW, type ScanWindow } from './db/scan-admission.ts';
import { parseSecretKey, SecretKeyError } from './secrets/secret-box.ts';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const list = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));


export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/prospector';

const configSchema = z.object({
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  DATABASE_POOL_MAX: int(10),
  /** A worker's connections for its evidence reads and batched evidence writes (batched-sql.ts), besides the ORM's pool. */
  DATABASE_HOT_POOL_MAX: int(4),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Braces make it a Redis Cluster hash tag: flows span queues, so all must share one slot. */
  QUEUE_PREFIX: z.string().min(1).default('{prospector}'),
  /** Override every queue's attempts / backoff base; unset keeps each queue's policy from the job catalog. */
  JOB_ATTEMPTS: z.coerce.number().int().positive().optional(),
  JOB_BACKOFF_MS: z.coerce.number().int().nonnegative().optional(),

  DNS_SERVERS: list,
  DNS_TIMEOUT_MS: int(2000),
  DNS_TRIES: int(2),
  DNS_RETRIES: int(2),
  DNS_MAX_INFLIGHT: int(200),
  ASN_SOURCE: z.string().regex(/^(embedded|cymru)(,(embedded|cymru))*$/, 'a list of embedded|cymru').default('embedded'),

  SEARCH_PROVIDER: z.enum(['searxng', 'brave', 'none']).default('none'),
  SEARXNG_URL: z.string().url().optional(),
  BRAVE_API_KEY: z.string().optional(),
  SEARCH_TIMEOUT_MS: int(10_000),
  /** Search calls allowed per SEARCH_RATE_WINDOW_MS across all workers (BullMQ limiter). */
  SEARCH_RATE_MAX: int(10),
  SEARCH_RATE_WINDOW_MS: int(1000),

  TARGET_ALLOW_CIDRS: list,
  /** Ports besides HTTP_PORT/HTTPS_PORT a URL or redirect may name; empty: only those two. */
  TARGET_ALLOW_PORTS: list.pipe(z.array(z.string().regex(/^\d{1,5}$/, 'a comma list of TCP ports').transform(Number).pipe(z.number().int().min(1).max(65535)))),
  HTTP_CONNECT_TIMEOUT_MS: int(5000),
  HTTP_HEADERS_TIMEOUT_MS: int(10_000),
  HTTP_TOTAL_TIMEOUT_MS: int(15_000),
  HTTP_MAX_BODY_BYTES: int(2 * 1024 * 1024),
  HTTP_MAX_REDIRECTS: int(5),
  HTTP_PORT: int(80),
  HTTPS_PORT: int(443),
  HTTP_EXTRA_CA_FILE: z.string().optional(),
  /** Requests per second to one address, shared by all workers: many small sites share a few hosting addresses. */
  HTTP_PER_ADDRESS_RPS: int(20),
  HTTP_USER_AGENT: z.string().default('ProspectorBot/0.1 (+https://github.com/prospector/prospector; lead research)'),

  /** Prospects of a scan in flight at most (their flows in Redis): Redis memory and time to first results stay bounded whatever the campaign's size. */
  SCAN_WINDOW: z.coerce.number().int().positive().default(DEFAULT_SCAN_WINDOW.size),
  /** Prospects admitted per top-up, once the window has room for them. */
  SCAN_WINDOW_CHUNK: z.coerce.number().int().positive().default(DEFAULT_SCAN_WINDOW.chunk),
  /** How often workers top up running scans' windows whatever finished (a lost signal, a restarted worker). */
  SCAN_ADMISSION_SWEEP_MS: int(15_000),

  MAX_CANDIDATES: int(4),
  REGIONAL_TLDS: list,
  PROVIDERS_FILE: z.string().optional(),
  PLAYBOOK_FILE: z.string().optional(),
  DEFAULT_COUNTRY: z.string().length(2).default('US'),

  /** Pipeline queues and/or `deliver` (webhooks, digests) and `rescan` (schedules); empty: all of them. */
  WORKER_QUEUES: list.pipe(z.array(z.enum(WORKER_QUEUE_NAMES))),
  WORKER_CONCURRENCY: z.string().default('search=5,dns=100,verify=50,classify=20'),
  HEALTH_PORT: int(9464),
  SHUTDOWN_GRACE_MS: int(25_000),
  /** How long a job's lock lives without renewal: a killed worker's jobs return to the queue after about this long. */
  WORKER_LOCK_MS: int(30_000),
  /** The HTTP API (prospector serve): how long a client may take, and how many connections one address may hold. */
  API_HEADERS_TIMEOUT_MS: int(10_000),
  API_BODY_TIMEOUT_MS: int(30_000),
  API_REQUEST_TIMEOUT_MS: int(30 * 60_000),
  API_IDLE_TIMEOUT_MS: int(30_000),
  API_KEEPALIVE_TIMEOUT_MS: int(5_000),
  API_MAX_CONNECTIONS_PER_ADDRESS: int(64),
  /** Reverse proxies whose X-Forwarded-For/-Proto the API believes (addresses or CIDRs); empty: none. */
  API_TRUST_PROXY: list,
  /** Where uploaded lists wait while imported (default: <tmpdir>/prospector-uploads); swept of dead uploads at start-up. */
  API_UPLOAD_DIR: z.string().optional(),
  /** A qualified lead without activity this long turns stale and is passed back (default 14 days). */
  LEAD_STALE_AFTER_MS: int(14 * 24 * 3600 * 1000),
  /** How many times one lead may be passed back to teleprospecting. */
  LEAD_PASS_BACK_CAP: int(2),
  /** How often the lead scheduler sweeps for stale leads and unrouted completed scans. */
  LEAD_SWEEP_EVERY_MS: int(60_000),
  /** Where people and receivers reach `prospector serve`: links in webhooks and e-mail. */
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:8080'),
  /** Delays between webhook attempts after the immediate first one (Standard Webhooks' schedule). */
  WEBHOOK_RETRY_SCHEDULE: z.string().default('5s,5m,30m,2h,5h,10h,10h'),
  /** An endpoint failing every attempt for this long is disabled. */
  WEBHOOK_DISABLE_AFTER_MS: int(5 * 24 * 3600_000),
  WEBHOOK_TIMEOUT_MS: int(15_000),
  /** CIDRs webhook endpoints may resolve to although private (e.g. 127.0.0.0/8 in tests); empty in production. */
  WEBHOOK_ALLOW_CIDRS: list,
  /** How often the delivery worker looks for recorded events not yet fanned out. */
  DELIVERY_POLL_MS: int(2000),
  /** Digest mail: smtp://user:pass@host:port (smtps:// for TLS); digests are not sent without it. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Prospector <prospector@localhost>'),
  /** Signs one-click unsubscribe links; at least 16 characters, needed to send digests. */
  DIGEST_SIGNING_SECRET: z.string().min(16).optional(),
  /** A digest claimed but never marked sent for this long is taken over (its sender died). */
  DIGEST_STALE_CLAIM_MS: int(10 * 60_000),
  /**
   * Keys sealing stored credentials (CRM tokens, webhook secrets): a comma list of base64
   * 32-byte keys, the first sealing, all opening. Empty: credentials are stored as given.
   */
  SECRETS_KEYS: list.superRefine((keys, ctx) => {
    keys.forEach((key, i) => {
      try {
        parseSecretKey(key, `key ${i + 1}`);
      } catch (error) {
        if (!(error instanceof SecretKeyError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    });
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.SEARCH_PROVIDER === 'searxng' && !config.SEARXNG_URL) {
    throw new ConfigError('invalid configuration: SEARXNG_URL is required when SEARCH_PROVIDER=searxng');
  }
  if (config.SEARCH_PROVIDER === 'brave' && !config.BRAVE_API_KEY) {
    throw new ConfigError('invalid configuration: BRAVE_API_KEY is required when SEARCH_PROVIDER=brave');
  }
  return config;
}

/** The admission window a scan started with this configuration gets. */
export function scanWindowOf(config: Pick<Config, 'SCAN_WINDOW' | 'SCAN_WINDOW_CHUNK'>): ScanWindow {
  return { size: config.SCAN_WINDOW, chunk: config.SCAN_WINDOW_CHUNK };
}

/** Parses `dns=200,verify=50` (CLI or env) into per-queue numbers, naming the bad entry. */
export function parseConcurrency(spec: string): Partial<Record<(typeof QUEUE_NAMES)[number], number>> {
  const out: Partial<Record<(typeof QUEUE_NAMES)[number], number>> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, value] = part.split('=');
    const n = Number(value);
    if (!name || !(QUEUE_NAMES as readonly string[]).includes(name) || !Number.isInteger(n) || n < 1) {
      throw new ConfigError(`invalid concurrency entry "${part}": expected <${QUEUE_NAMES.join('|')}>=<positive integer>`);
    }
    out[name as (typeof QUEUE_NAMES)[number]] = n;
  }
  return out;
}
