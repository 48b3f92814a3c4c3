// JSON schemas shared by routes: Fastify validates requests with them and the OpenAPI
// description is generated from the same objects.
import { PRESENCE_VALUES } from '@prospector/agents';
export const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
} as const;

/** Postgres integer columns: a larger id is a 400 here, not an overflow error in the query. */
export const INT4_MAX = 2_147_483_647;

/** Text that reaches Postgres: it refuses NUL (a 500 otherwise), and no name needs a control character. */
const PRINTABLE = '^[^\\x00-\\x1f\\x7f]*$';
const text = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', maxLength, pattern: PRINTABLE, ...extra }) as const;

export const campaignParams = {
  type: 'object',
  properties: { campaign: { ...text(200), minLength: 1 } },
  required: ['campaign'],
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: INT4_MAX } },
  required: ['id'],
} as const;

export const prospectQuery = {
  type: 'object',
  properties: {
    tier: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
    presence: { type: 'string', enum: [...PRESENCE_VALUES] },
    isp: text(100),
    region: text(100),
    provider: text(100, { description: 'matches any provider field (e-mail, gateway, web, DNS, ISP, e-commerce)' }),
    cursor: { type: 'integer', minimum: 0, maximum: INT4_MAX, description: 'the nextCursor of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  additionalProperties: false,
} as const;
