import type { FastifyInstance } from 'fastify';
import type { Prisma, PrismaClient } from '@prospector/core';
import { latestScan } from '@prospector/core';
import { loadActiveCorrections, overlayCorrections } from '../corrections/correction.overlay.ts';
import { campaignParams, errorBody, idParams, prospectQuery } from './schemas.ts';

interface ProspectQuery {
  tier?: string;
  presence?: string;
  isp?: string;
  region?: string;
  provider?: string;
  cursor?: number;
  limit: number;
}

export function registerProspectRoutes(app: FastifyInstance, prisma: PrismaClient): void {
  app.get<{ Params: { campaign: string }; Querystring: ProspectQuery }>(
    '/api/campaigns/:campaign/prospects',
    { config: { role: 'viewer' }, schema: { tags: ['prospects'], summary: 'prospects of the latest scan, filtered, best first within a page; cursor pagination', params: campaignParams, querystring: prospectQuery, response: { 404: errorBody } } },
    async (request, reply) => {
      const { campaign, scan } = await latestScan(prisma, request.params.campaign);
      const q = request.query;
      const finding: Prisma.FindingWhereInput = {
        ...(scan ? { scanId: scan.id } : { scanId: -1 }),
        ...(q.tier ? { tier: q.tier } : {}),
        ...(q.presence ? { presence: q.presence } : {}),
        ...(q.isp ? { isp: q.isp } : {}),
        ...(q.provider
          ? { OR: ['emailProvider', 'emailGateway', 'webHost', 'dnsProvider', 'isp', 'ecommercePlatform'].map((f) => ({ [f]: q.provider })) }
          : {}),
      };
      const needsFinding = Boolean(q.tier || q.presence || q.isp || q.provider);
      const rows = await prisma.prospect.findMany({
        where: {
          campaignId: campaign.id,
          id: { gt: q.cursor ?? 0 },
          ...(q.region ? { region: q.region } : {}),
          ...(needsFinding ? { findings: { some: finding } } : {}),
        },
        orderBy: { id: 'asc' },
        take: q.limit + 1,
        include: { findings: { where: { scanId: scan?.id ?? -1 } } },
      });
      const page = rows.slice(0, q.limit);
      // Filters match the scanned answers; the items show them with the reps' corrections over them.
      const corrections = await loadActiveCorrections(prisma, page.map((p) => p.id));
      return {
        scan: scan ? { id: scan.id, number: scan.number, status: scan.status } : null,
        items: page.map(({ findings, ...p }) => ({ ...p, finding: findings[0] ? overlayCorrections(findings[0], corrections.get(p.id)) : null })),
        nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/prospects/:id',
    { config: { role: 'viewer' }, schema: { tags: ['prospects'], summary: 'one prospect with its source rows and, per scan, all evidence and findings', params: idParams, response: { 404: errorBody } } },
    async (request, reply) => {
      const prospect = await prisma.prospect.findUnique({
        where: { id: request.params.id },
        include: {
          sourceRows: true,
          findings: { orderBy: { scanId: 'desc' } },
          candidates: { orderBy: [{ scanId: 'desc' }, { score: 'desc' }] },
          dnsRecords: { orderBy: [{ scanId: 'desc' }, { id: 'asc' }] },
          addresses: { orderBy: [{ scanId: 'desc' }, { id: 'asc' }] },
          httpObservations: { orderBy: { scanId: 'desc' } },
          stageRuns: { orderBy: [{ scanId: 'desc' }, { id: 'asc' }] },
          corrections: { orderBy: { id: 'asc' } },
        },
      });
      if (!prospect) return reply.code(404).send({ error: 'not-found', message: `prospect ${request.params.id} does not exist` });
      // Corrections speak for now: they lie over the latest finding; older scans stay as they were.
      const active = prospect.corrections.filter((c) => c.status === 'active');
      const [latest, ...older] = prospect.findings;
      return { ...prospect, findings: latest ? [overlayCorrections(latest, active), ...older] : [] };
    },
  );
}
