// The HTTP API. Fastify because it validates requests with JSON schemas that also
// generate the OpenAPI description, logs through pino like the rest of the stack, and
// Bull Board has a first-class adapter for it.
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import { createSecretBox, redisEvictionHealth, type PrismaClient, type QueueSet, type ScanWindow, type SecretBox } from '@prospector/core';
import { CampaignNotFoundError } from '@prospector/core';
import { registerAuth } from './auth.ts';
import { registerBullBoard } from './board.ts';
import { DEFAULT_CLIENT_LIMITS, registerClientLimits, serverTimeoutOptions, type ClientLimits } from './client-limits.ts';
import { registerCampaignRoutes } from './campaign.routes.ts';
import { registerExportRoutes } from './export.routes.ts';
import { createLoginThrottle, DEFAULT_LOGIN_LIMIT } from './login-throttle.ts';
import { registerLoginRoutes } from './login.routes.ts';
import { createMetrics } from './metrics.ts';
import { registerProspectRoutes } from './prospect.routes.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { openUploadStore } from './upload-store.ts';
import { registerReportRoutes } from '../report/report.routes.ts';
import { registerLeadRoutes } from '../leads/lead.routes.ts';
import { registerRepPages } from '../web/rep.pages.ts';
import { registerHistoryRoutes } from '../history/history.routes.ts';
import { registerUnsubscribeRoutes } from './unsubscribe.routes.ts';
import { registerWebhookRoutes } from './webhook.routes.ts';
import { registerCorrectionRoutes } from '../corrections/correction.routes.ts';
import { loadCatalog, type Catalog } from '@prospector/agents';

export interface ApiDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
  queues: QueueSet;
  redis: Redis;
  defaultCountry: string;
  /** The admission window of scans started through the API (SCAN_WINDOW / SCAN_WINDOW_CHUNK). */
  scanWindow?: ScanWindow;
  logLevel?: string;
  maxUploadBytes?: number;
  limits?: Partial<ClientLimits>;
  /** Sign-in attempts allowed per address and window (default 10 per 15 min). */
  loginLimit?: { maxAttempts: number; windowMs: number };
  /**
   * Proxies whose X-Forwarded-For / -Proto are believed (addresses or CIDRs); empty: none.
   * Decides the address sign-ins are counted by and whether the session cookie is Secure.
   */
  trustProxy?: string[];
  /** Root of the upload store (default: <tmpdir>/prospector-uploads); swept of dead uploads at start-up. */
  uploadDir?: string;
  /** How many times one lead may be passed back (LEAD_PASS_BACK_CAP). */
  passBackCap?: number;
  /** CIDRs a webhook endpoint may resolve to although private (WEBHOOK_ALLOW_CIDRS); empty: none. */
  webhookAllowCidrs?: string[];
  /** Seals webhook secrets at rest (SECRETS_KEYS); without it they are stored as given. */
  secrets?: SecretBox;
  /** DIGEST_SIGNING_SECRET: verifies one-click unsubscribe tokens. */
  digestSigningSecret?: string;
  /** Provider slugs corrections are checked against (default: the bundled catalog). */
  catalog?: Catalog;
}

export async function buildApiServer(deps: ApiDeps): Promise<FastifyInstance> {
  const limits: ClientLimits = { ...DEFAULT_CLIENT_LIMITS, ...deps.limits };
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info' },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.trustProxy?.length ? deps.trustProxy : false,
    ...serverTimeoutOptions(limits),
  });
  // First: the access table must see every route, including those plugins add.
  registerAuth(app, deps.prisma);
  registerClientLimits(app, limits);
  registerSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Prospector API', version: '0.1.0', description: 'Import lists, run scans, read qualified leads. Authenticate with `Authorization: Bearer <token>` (prospector token create).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(multipart, { limits: { fileSize: deps.maxUploadBytes ?? 2 * 1024 * 1024 * 1024, files: 1 } });
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, _request, reply) => {
    if (error instanceof CampaignNotFoundError) return reply.code(404).send({ error: 'not-found', message: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) app.log.error({ err: error.message }, 'request failed');
    reply.code(status).send({ error: error.validation ? 'invalid-request' : status >= 500 ? 'internal' : 'bad-request', message: status >= 500 ? 'internal error' : error.message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  const throttle = createLoginThrottle({ redis: deps.redis, prefix: deps.queues.prefix, ...DEFAULT_LOGIN_LIMIT, ...deps.loginLimit });
  registerLoginRoutes(app, deps.prisma, throttle);
  const metrics = createMetrics(deps.prisma, deps.queues, deps.redis);

  app.get('/health', { config: { role: 'public' }, schema: { tags: ['ops'], summary: 'liveness and dependencies (no token needed)', security: [] } }, async (_req, reply) => {
    const postgres = await deps.prisma.$queryRaw`SELECT 1`.then(() => 'ok', (e: Error) => e.message);
    const redis = deps.redis.status;
    // A maxmemory-policy changed at run time: queued jobs can be evicted from now on.
    const redisEviction = await redisEvictionHealth(deps.redis);
    const ok = postgres === 'ok' && redis === 'ready' && !redisEviction;
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unhealthy', postgres, redis, ...(redisEviction ? { redisEviction } : {}) });
  });
  app.get('/metrics', { config: { role: 'viewer' }, schema: { tags: ['ops'], summary: 'Prometheus metrics' } }, async (_req, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  app.get('/openapi.json', { config: { role: 'viewer' }, schema: { hide: true } }, async () => app.swagger());

  registerCampaignRoutes(app, { ...deps, uploads: await openUploadStore(deps.uploadDir) });
  registerProspectRoutes(app, deps.prisma);
  const catalog = deps.catalog ?? loadCatalog();
  registerCorrectionRoutes(app, deps.prisma, catalog);
  registerExportRoutes(app, deps.prisma, deps.defaultCountry);
  registerReportRoutes(app, deps.prisma);
  registerLeadRoutes(app, { prisma: deps.prisma, passBackCap: deps.passBackCap ?? 2, catalog });
  await registerRepPages(app, { prisma: deps.prisma, passBackCap: deps.passBackCap ?? 2, catalog });
  registerHistoryRoutes(app, deps);
  registerWebhookRoutes(app, { prisma: deps.prisma, allowCidrs: deps.webhookAllowCidrs ?? [], secrets: deps.secrets ?? createSecretBox([]) });
  registerUnsubscribeRoutes(app, { prisma: deps.prisma, signingSecret: deps.digestSigningSecret });
  await registerBullBoard(app, deps.queues);
  return app;
}
