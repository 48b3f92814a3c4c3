// Rescan schedules and change history over HTTP. The rescan queue is opened on the
// connection the pipeline queues already use and closed with the server.
import type { FastifyInstance } from 'fastify';
import type { ConnectionOptions } from 'bullmq';
import { CHANGE_KINDS, createRescanQueue, type PrismaClient, type QueueSet } from '@prospector/core';
import { campaignParams, errorBody } from '../api/schemas.ts';
import { requireCampaign } from '@prospector/core';
import { parseSince, prospectHistory, queryChanges } from './changes.service.ts';
import { listSchedules, removeSchedule, upsertSchedule, type ScheduleTiming } from './schedule.service.ts';

export interface HistoryRouteDeps {
  prisma: PrismaClient;
  queues: QueueSet;
}

const scheduleBody = {
  type: 'object',
  properties: {
    every: { type: 'string', maxLength: 20, description: 'interval such as 30d, 12h, 90m' },
    cron: { type: 'string', maxLength: 100, description: 'cron pattern, e.g. "0 3 * * 1"' },
    tz: { type: 'string', maxLength: 64, description: 'IANA time zone of the cron pattern' },
  },
  additionalProperties: false,
} as const;

export function registerHistoryRoutes(app: FastifyInstance, deps: HistoryRouteDeps): void {
  registerScheduleRoutes(app, deps);
  registerChangeRoutes(app, deps);
}

function registerScheduleRoutes(app: FastifyInstance, deps: HistoryRouteDeps): void {
  const connection = deps.queues.queues.search.opts.connection as ConnectionOptions;
  const queue = createRescanQueue(connection, deps.queues.prefix);
  app.addHook('onClose', async () => queue.close());
  const mine = async (campaign: string) => (await listSchedules(deps.prisma, queue)).filter((s) => s.campaign === campaign);

  app.get<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/schedules',
    { config: { role: 'viewer' }, schema: { tags: ['history'], summary: 'the rescan schedule of a campaign (an empty array when none)', params: campaignParams, response: { 404: errorBody } } },
    async (request) => {
      await requireCampaign(deps.prisma, request.params.campaign);
      return mine(request.params.campaign);
    },
  );

  app.post<{ Params: { campaign: string }; Body: { every?: string; cron?: string; tz?: string } }>(
    '/api/campaigns/:campaign/schedules',
    { config: { role: 'ops' }, schema: { tags: ['history'], summary: 'rescan on a schedule: { every } or { cron, tz? }; replaces the current one', params: campaignParams, body: scheduleBody, response: { 400: errorBody, 404: errorBody } } },
    async (request, reply) => {
      const { every, cron, tz } = request.body ?? {};
      if (Boolean(every) === Boolean(cron)) return reply.code(400).send({ error: 'bad-request', message: 'give exactly one of "every" or "cron"' });
      if (tz && !cron) return reply.code(400).send({ error: 'bad-request', message: '"tz" applies to "cron" only' });
      const timing: ScheduleTiming = every ? { every } : { cron: cron!, ...(tz ? { tz } : {}) };
      return reply.code(201).send(await upsertSchedule(deps.prisma, queue, request.params.campaign, timing));
    },
  );

  app.delete<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/schedules',
    { config: { role: 'ops' }, schema: { tags: ['history'], summary: 'stop rescanning the campaign', params: campaignParams, response: { 404: errorBody } } },
    async (request, reply) => {
      const removed = await removeSchedule(deps.prisma, queue, request.params.campaign);
      return removed ? reply.code(204).send() : reply.code(404).send({ error: 'not-found', message: `campaign "${request.params.campaign}" has no schedule` });
    },
  );
}

const changesQuery = {
  type: 'object',
  properties: {
    since: { type: 'string', maxLength: 40, description: 'changes seen by scans started at or after this date' },
    field: { type: 'string', maxLength: 40, description: 'a field as the export names it (isp, emailProvider, …), or website / score' },
    from: { type: 'string', maxLength: 100, description: 'provider slug before' },
    to: { type: 'string', maxLength: 100, description: 'provider slug after' },
    kind: { type: 'string', maxLength: 200, description: `comma list of ${CHANGE_KINDS.join(', ')}; default: the claimed ones` },
  },
  additionalProperties: false,
} as const;

function registerChangeRoutes(app: FastifyInstance, deps: HistoryRouteDeps): void {
  app.get<{ Params: { campaign: string }; Querystring: { since?: string; field?: string; from?: string; to?: string; kind?: string } }>(
    '/api/campaigns/:campaign/changes',
    { config: { role: 'viewer' }, schema: { tags: ['history'], summary: 'change events between scans (claimed changes, site offline/back, score moves)', params: campaignParams, querystring: changesQuery, response: { 400: errorBody, 404: errorBody } } },
    async (request) => {
      const q = request.query;
      return queryChanges(deps.prisma, {
        campaign: request.params.campaign,
        ...(q.since ? { since: parseSince(q.since) } : {}),
        ...(q.field ? { field: q.field } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.kind ? { kinds: q.kind.split(',').map((k) => k.trim()) } : {}),
      });
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/prospects/:id/history',
    { config: { role: 'viewer' }, schema: { tags: ['history'], summary: 'provider periods and every change event of one prospect', params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] }, response: { 404: errorBody } } },
    async (request, reply) => {
      const history = await prospectHistory(deps.prisma, request.params.id);
      return history ?? reply.code(404).send({ error: 'not-found', message: `no prospect ${request.params.id}` });
    },
  );
}
