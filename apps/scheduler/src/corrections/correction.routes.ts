// POST /api/prospects/:id/corrections: the lead page's correction form and any client.
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import type { Catalog } from '@prospector/agents';
import { errorBody, idParams } from '../api/schemas.ts';
import { CORRECTION_FIELDS } from './correction.fields.ts';
import { recordCorrections } from './correction.service.ts';

interface CorrectionBody {
  field: string;
  value: string;
  note?: string;
  by?: string;
}

const PRINTABLE = '^[^\\x00-\\x1f\\x7f]*$';
const correctionBody = {
  type: 'object',
  properties: {
    field: { type: 'string', maxLength: 50, pattern: PRINTABLE, description: `one of ${CORRECTION_FIELDS.join(', ')}` },
    value: { type: 'string', minLength: 1, maxLength: 300, pattern: PRINTABLE, description: 'a domain or "none", a catalog slug or uncatalogued:NAME, a presence, "closed", or an externalId' },
    note: { type: 'string', maxLength: 1000, pattern: PRINTABLE },
    by: { type: 'string', minLength: 1, maxLength: 200, pattern: PRINTABLE, description: 'who corrects (default: the API caller\u2019s role)' },
  },
  required: ['field', 'value'],
  additionalProperties: false,
} as const;

export function registerCorrectionRoutes(app: FastifyInstance, prisma: PrismaClient, catalog: Catalog): void {
  app.post<{ Params: { id: number }; Body: CorrectionBody }>(
    '/api/prospects/:id/corrections',
    {
      // Ops for now; rep and manager roles join when teams exist.
      config: { role: 'ops' },
      schema: { tags: ['prospects'], summary: 'correct one answer of a prospect; it overrides the finding at once', params: idParams, body: correctionBody, response: { 404: errorBody, 422: errorBody } },
    },
    async (request, reply) => {
      const exists = await prisma.prospect.findUnique({ where: { id: request.params.id }, select: { id: true } });
      if (!exists) return reply.code(404).send({ error: 'not-found', message: `prospect ${request.params.id} does not exist` });
      const { field, value, note, by } = request.body;
      const result = await recordCorrections(prisma, [{ prospect: { id: request.params.id }, field, value, note: note ?? null, by: by ?? `api:${request.role ?? 'unknown'}` }], { catalog });
      const rejected = result.rejected[0];
      if (rejected) return reply.code(422).send({ error: 'invalid-correction', message: rejected.reason });
      return reply.code(201).send(result.applied[0]);
    },
  );
}
