import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { PrismaClient, QueueSet, ScanWindow } from '@prospector/core';
import { requireCampaign, startScan } from '@prospector/core';
import { getScanStatus } from '../status/status.service.ts';
import { getCampaignStats } from '../stats/stats.service.ts';
import { handleListUpload } from './list-upload.ts';
import { campaignParams, errorBody } from './schemas.ts';
import type { UploadStore } from './upload-store.ts';

export interface CampaignRouteDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
  queues: QueueSet;
  defaultCountry: string;
  uploads: UploadStore;
  scanWindow?: ScanWindow;
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
      // A list of millions of rows takes a while: bounded by the whole-request timeout instead.
      config: { role: 'ops', bodyTimeoutMs: 0 },
      schema: {
        tags: ['campaigns'],
        summary: 'upload a purchased list (multipart field "file", CSV); returns the import summary',
        description: '400 or 415 with the reason when the file is not a CSV list (an archive, a workbook, binary, no recognisable header); nothing is created then.',
        params: campaignParams,
        response: { 400: errorBody, 413: errorBody, 415: errorBody },
      },
    },
    async (request, reply) => handleListUpload(deps, request, reply),
  );

  app.post<{ Params: { campaign: string } }>(
    '/api/campaigns/:campaign/scans',
    { config: { role: 'ops' }, schema: { tags: ['campaigns'], summary: 'start a scan (or join the running one)', params: campaignParams, response: { 404: errorBody } } },
    async (request, reply) => {
      await requireCampaign(deps.prisma, request.params.campaign);
      return reply.code(202).send(await startScan(deps.prisma, deps.queues, request.params.campaign, deps.scanWindow));
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
