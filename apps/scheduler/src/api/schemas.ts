// JSON schemas shared by routes: Fastify validates requests with them and the OpenAPI
// description is generated from the same objects.
import { PRESENCE_VALUES } from '@prospector/agents';
export const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
} as const;

export const campaignParams = {
  type: 'object',
  properties: { campaign: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['campaign'],
} as const;

export const prospectQuery = {
  type: 'object',
  properties: {
    tier: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
    presence: { type: 'string', enum: [...PRESENCE_VALUES] },
    isp: { type: 'string', maxLength: 100 },
    region: { type: 'string', maxLength: 100 },
    provider: { type: 'string', maxLength: 100, description: 'matches any provider field (e-mail, gateway, web, DNS, ISP, e-commerce)' },
    cursor: { type: 'integer', minimum: 0, description: 'the nextCursor of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  additionalProperties: false,
} as const;
