// Webhook endpoint management over HTTP: reading is for viewers, changing is for ops.
import type { FastifyInstance } from 'fastify';
import type { PrismaClient, SecretBox } from '@prospector/core';
import {
  addWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  setWebhookEndpointStatus,
  WebhookInputError,
} from '../delivery/webhook-endpoints.service.ts';

export interface WebhookRouteDeps {
  prisma: PrismaClient;
  allowCidrs: readonly string[];
  secrets: SecretBox;
}

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  app.get('/api/webhooks', { config: { role: 'viewer' }, schema: { tags: ['webhooks'], summary: 'webhook endpoints (secrets are never shown)' } }, async () =>
    listWebhookEndpoints(deps.prisma),
  );

  app.post<{ Body: { url: string; events: string[]; secret?: string } }>(
    '/api/webhooks',
    {
      config: { role: 'ops' },
      schema: {
        tags: ['webhooks'],
        summary: 'register an endpoint; answers its secret once when generated',
        body: {
          type: 'object',
          required: ['url', 'events'],
          additionalProperties: false,
          properties: { url: { type: 'string', maxLength: 2048 }, events: { type: 'array', items: { type: 'string' }, maxItems: 20 }, secret: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      try {
        const { endpoint, secret } = await addWebhookEndpoint(deps.prisma, request.body, { allowCidrs: deps.allowCidrs }, deps.secrets);
        return reply.code(201).send({ ...endpoint, ...(request.body.secret ? {} : { secret }) });
      } catch (error) {
        if (error instanceof WebhookInputError) return reply.code(400).send({ error: 'bad-request', message: error.message });
        throw error;
      }
    },
  );

  for (const [action, status] of [['disable', 'disabled'], ['enable', 'enabled']] as const) {
    app.post<{ Params: { id: number } }>(
      `/api/webhooks/:id/${action}`,
      { config: { role: 'ops' }, schema: { tags: ['webhooks'], summary: `${action} an endpoint`, params: idParams } },
      async (request, reply) => {
        try {
          return await setWebhookEndpointStatus(deps.prisma, request.params.id, status);
        } catch (error) {
          if (error instanceof WebhookInputError) return reply.code(404).send({ error: 'not-found', message: error.message });
          throw error;
        }
      },
    );
  }

  app.get<{ Querystring: { endpoint?: number; failed?: boolean } }>(
    '/api/webhooks/deliveries',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['webhooks'],
        summary: 'the delivery log: messages with their attempts',
        querystring: { type: 'object', additionalProperties: false, properties: { endpoint: { type: 'integer', minimum: 1 }, failed: { type: 'boolean' } } },
      },
    },
    async (request) => listWebhookDeliveries(deps.prisma, { endpointId: request.query.endpoint, failed: request.query.failed }),
  );
}
