import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { PassThrough } from 'node:stream';
import { exportRecords } from '../export/export.service.ts';
import { writeExport } from '../export/export.writers.ts';
import { campaignParams, errorBody } from './schemas.ts';

const FORMATS = ['json', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const CONTENT_TYPES: Record<Format, string> = { json: 'application/json', csv: 'text/csv; charset=utf-8' };

export function registerExportRoutes(app: FastifyInstance, prisma: PrismaClient): void {
  app.get<{ Params: { campaign: string }; Querystring: { format: Format } }>(
    '/api/campaigns/:campaign/export',
    {
      schema: {
        tags: ['exports'],
        summary: 'download the campaign (latest scan): one record per prospect',
        params: campaignParams,
        querystring: { type: 'object', properties: { format: { type: 'string', enum: [...FORMATS], default: 'csv' } } },
        response: { 404: errorBody },
      },
    },
    async (request, reply) => {
      const exists = await prisma.campaign.findUnique({ where: { name: request.params.campaign } });
      if (!exists) return reply.code(404).send({ error: 'not-found', message: `campaign "${request.params.campaign}" does not exist` });
      const format = request.query.format;
      const body = new PassThrough();
      writeExport(exportRecords(prisma, request.params.campaign), format, body).then(
        () => body.end(),
        (error: Error) => body.destroy(error),
      );
      const file = `${request.params.campaign.replace(/[^\w.-]+/g, '_')}.${format}`;
      return reply.type(CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${file}"`).send(body);
    },
  );
}
