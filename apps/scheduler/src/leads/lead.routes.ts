// The lead API. Reads need leads-read (viewer, rep, manager, ops); changes need
// leads-write (rep, manager, ops). Both are then narrowed to the caller's own teams.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Catalog } from '@prospector/agents';
import type { PrismaClient } from '@prospector/core';
import { listTeams } from '../teams/teams.service.ts';
import { correctionSchema } from './correction.schema.ts';
import { storeLeadCorrection } from './lead.correction.ts';
import { readableTeams } from './lead-actor.ts';
import { getLeadDetail } from './lead.detail.ts';
import { actorFromRequest, leadErrorToHttp } from './lead.http.ts';
import { leadHistory, listLeads } from './lead.queries.ts';
import { actOnLead } from './lead.service.ts';
import { LEAD_STATUSES, PERSON_ACTIONS, type PersonAction } from './lead.states.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const read = { role: 'leads-read' } as const;
const write = { role: 'leads-write' } as const;

export interface LeadRoutesOptions {
  prisma: PrismaClient;
  passBackCap: number;
  /** Provider slugs corrections are checked against. */
  catalog: Catalog;
}

/** Sends the HTTP answer of a known lead error; rethrows anything else. */
export function replyLeadError(reply: FastifyReply, error: unknown): FastifyReply {
  const http = leadErrorToHttp(error);
  if (!http) throw error;
  const { status, ...body } = http;
  return reply.code(status).send(body);
}

export function registerLeadRoutes(app: FastifyInstance, { prisma, passBackCap, catalog }: LeadRoutesOptions): void {
  app.get('/api/teams', { config: read, schema: { tags: ['leads'], summary: 'teams, territories, members and open leads' } }, async () => listTeams(prisma));

  app.get<{ Querystring: { team?: string; status?: string; rep?: string } }>(
    '/api/leads',
    {
      config: read,
      schema: {
        tags: ['leads'],
        summary: "a team's queue in priority order (a rep's own team by default)",
        querystring: { type: 'object', properties: { team: { type: 'string' }, status: { type: 'string', enum: [...LEAD_STATUSES] }, rep: { type: 'string' } } },
      },
    },
    async (request, reply) => {
      try {
        const actor = await actorFromRequest(prisma, request);
        let team = request.query.team;
        if (!team) {
          const own = readableTeams(actor);
          const first = own === 'all' ? undefined : own[0];
          if (first === undefined) return reply.code(400).send({ error: 'bad-request', message: 'give ?team=NAME' });
          team = (await prisma.team.findUniqueOrThrow({ where: { id: first } })).name;
        }
        return await listLeads(prisma, { team, status: request.query.status, rep: request.query.rep }, actor);
      } catch (error) {
        return replyLeadError(reply, error);
      }
    },
  );

  app.get<{ Params: { id: number } }>('/api/leads/:id', { config: read, schema: { tags: ['leads'], summary: 'one lead: business, answers with evidence, score, history, timeline (scans, changes, provider periods, moves, corrections), legal actions', params: idParams } }, async (request, reply) => {
    try {
      return await getLeadDetail(prisma, request.params.id, await actorFromRequest(prisma, request));
    } catch (error) {
      return replyLeadError(reply, error);
    }
  });

  app.get<{ Params: { id: number } }>('/api/leads/:id/history', { config: read, schema: { tags: ['leads'], summary: 'the append-only log of a lead', params: idParams } }, async (request, reply) => {
    try {
      return await leadHistory(prisma, request.params.id, await actorFromRequest(prisma, request));
    } catch (error) {
      return replyLeadError(reply, error);
    }
  });

  app.post<{ Params: { id: number }; Body: { action: PersonAction; reason?: string } }>(
    '/api/leads/:id/actions',
    {
      config: write,
      schema: {
        tags: ['leads'],
        summary: 'move a lead (claim, work, qualify, disqualify, won, lost, pass-back) or add a note',
        params: idParams,
        body: { type: 'object', required: ['action'], additionalProperties: false, properties: { action: { type: 'string', enum: [...PERSON_ACTIONS] }, reason: { type: 'string', maxLength: 2000 } } },
      },
    },
    async (request, reply) => {
      try {
        const actor = await actorFromRequest(prisma, request);
        return await actOnLead(prisma, { leadId: request.params.id, action: request.body.action, actor, reason: request.body.reason, passBackCap });
      } catch (error) {
        return replyLeadError(reply, error);
      }
    },
  );

  app.post<{ Params: { id: number }; Body: unknown }>(
    '/api/leads/:id/corrections',
    { config: write, schema: { tags: ['leads'], summary: 'correct one answer of the lead\u2019s business; stored, it overrides the finding at once', params: idParams } },
    async (request, reply) => {
      try {
        const actor = await actorFromRequest(prisma, request);
        const lead = await getLeadDetail(prisma, request.params.id, actor);
        if (!lead.actions.length) return reply.code(403).send({ error: 'forbidden', message: `${actor.label} cannot change lead ${lead.id}` });
        const parsed = correctionSchema.safeParse(request.body ?? {});
        if (!parsed.success) return reply.code(400).send({ error: 'invalid-correction', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
        const outcome = await storeLeadCorrection(prisma, catalog, lead.id, parsed.data, actor);
        if (!outcome.stored) return reply.code(422).send({ error: 'invalid-correction', message: outcome.reason });
        return reply.code(201).send(outcome.correction);
      } catch (error) {
        return replyLeadError(reply, error);
      }
    },
  );
}
