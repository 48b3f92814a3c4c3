import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { PassThrough } from 'node:stream';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, writeCampaignExport, type AnyExportFormat } from '../export/crm.formats.ts';
import { campaignParams, errorBody } from './schemas.ts';
import { requireCampaign } from '@prospector/core';

type Format = AnyExportFormat;

export function registerExportRoutes(app: FastifyInstance, prisma: PrismaClient, defaultCountry = 'US'): void {
  app.get<{ Params: { campaign: string }; Querystring: { format: Format } }>(
    '/api/campaigns/:campaign/export',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['exports'],
        summary: 'download the campaign (latest scan): one record per prospect (json, csv, xlsx, or a Salesforce leads / HubSpot companies import CSV)',
        params: campaignParams,
        querystring: { type: 'object', properties: { format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'csv' } } },
        response: { 404: errorBody },
      },
    },
    async (request, reply) => {
      // Checked before streaming: once the body starts, the status cannot change any more.
      await requireCampaign(prisma, request.params.campaign);
      const format = request.query.format;
      const body = new PassThrough();
      writeCampaignExport(prisma, request.params.campaign, format, body, { country: defaultCountry }).then(
        () => body.end(),
        (error: Error) => body.destroy(error),
      );
      const file = exportFileName(request.params.campaign, format);
      return reply.type(EXPORT_CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${file}"`).send(body);
    },
  );
}
