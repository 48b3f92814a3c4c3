import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { PrismaClient, QueueSet } from '@prospector/core';
import { importList } from '../import/import.service.ts';
import { requireCampaign, startScan } from '../scan/scan.service.ts';
import { getScanStatus } from '../status/status.service.ts';
import { getCampaignStats } from '../stats/stats.service.ts';
import { campaignParams, errorBody } from './schemas.ts';

export interface CampaignRouteDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
  queues: QueueSet;
  defaultCountry: string;
}

export function registerCampaignRoutes(app: FastifyInstance, deps: CampaignRouteDeps): void {
  app.get('/api/campaigns', { config: { role: 'viewer' }, schema: { tags: ['campaigns'], summary: 'campaigns with their latest scan' } }, async () => {
    const campaigns = await deps.prisma.campaign.findMany({
      orderBy: { id: 'asc' },
      include: { scans: { orderBy: { number: 'desc' }, take: 1 }, _count: { select: { prospects: true } } },
    });
    return campaigns.map((c) => ({ name: c.name, prospects: c._count.prospects, latestScan: c.scans[0] ?? null, createdAt: c.createdAt }));
  });

  app.post<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/lists',
    {
      config: { role: 'ops' },
      schema: { tags: ['campaigns'], summary: 'upload a purchased list (multipart field "file", CSV); returns the import summary', params: campaignParams, response: { 400: errorBody } },
    },
    async (request, reply) => {
      const file = await request.file();
      if (!file) return reply.code(400).send({ error: 'bad-request', message: 'a multipart field "file" with the CSV is required' });
      // Streamed to disk, never held in memory: lists run to millions of rows.
      const dir = await mkdtemp(join(tmpdir(), 'prospector-upload-'));
      try {
        const path = join(dir, 'list.csv');
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) return reply.code(413).send({ error: 'too-large', message: 'the upload exceeds the size limit' });
        return await importList({ pool: deps.pool, campaign: request.params.campaign, file: path, defaultCountry: deps.defaultCountry });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.post<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/scans',
    { config: { role: 'ops' }, schema: { tags: ['campaigns'], summary: 'start a scan (or join the running one)', params: campaignParams, response: { 404: errorBody } } },
    async (request, reply) => {
      await requireCampaign(deps.prisma, request.params.campaign);
      return reply.code(202).send(await startScan(deps.prisma, deps.queues, request.params.campaign));
    },
  );

  app.get<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/status',
    { config: { role: 'viewer' }, schema: { tags: ['campaigns'], summary: 'progress of the latest scan per stage', params: campaignParams, response: { 404: errorBody } } },
    async (request) => getScanStatus(deps.prisma, deps.queues, request.params.campaign),
  );

  app.get<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/stats',
    { config: { role: 'viewer' }, schema: { tags: ['campaigns'], summary: 'statistics of the latest scan, overall and per region', params: campaignParams, response: { 404: errorBody } } },
    async (request) => getCampaignStats(deps.prisma, request.params.campaign),
  );
}
