import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { campaignParams, errorBody } from '../api/schemas.ts';
import { buildCampaignReport } from './report.service.ts';

// The page has no scripts and only inline styles and SVG: a strict policy costs nothing
// and is a second guard should a value ever slip past escaping.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function registerReportRoutes(app: FastifyInstance, prisma: PrismaClient): void {
  app.get<{ Params: { campaign: string } }>(
    '/campaigns/:campaign/report',
    { config: { role: 'viewer' }, schema: { tags: ['reports'], summary: 'the campaign report (HTML, self-contained, printable) for the latest scan', params: campaignParams, response: { 404: errorBody } } },
    async (request, reply) => {
      const html = await buildCampaignReport(prisma, request.params.campaign, { exportLinks: true });
      return reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).header('cache-control', 'no-store').send(html);
    },
  );
}
