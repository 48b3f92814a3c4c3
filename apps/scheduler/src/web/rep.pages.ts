// The reps' web pages under /my: the queue and the lead page, served by `prospector
// serve`. Sign-in is the existing /login form (a member's token). Plain HTML forms,
// no script, a strict CSP; the same lead services and access rules as the API.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Catalog } from '@prospector/agents';
import type { PrismaClient } from '@prospector/core';
import { correctionSchema } from '../leads/correction.schema.ts';
import { describeStoredCorrection, storeLeadCorrection } from '../leads/lead.correction.ts';
import { canRead, readableTeams, type LeadActor } from '../leads/lead-actor.ts';
import { getLeadDetail } from '../leads/lead.detail.ts';
import { actorFromRequest, leadErrorToHttp } from '../leads/lead.http.ts';
import { listLeads } from '../leads/lead.queries.ts';
import { actOnLead } from '../leads/lead.service.ts';
import { PERSON_ACTIONS, type PersonAction } from '../leads/lead.states.ts';
import { UNASSIGNED_QUEUE } from '../teams/teams.schema.ts';
import { renderLeadPage, type LeadPageState } from './lead.html.ts';
import { filterAndSort, renderQueue, SORTS, type QueueFilters, type QueueSort } from './queue.html.ts';
import { REP_CSS } from './rep.css.ts';
import { errorPage, REP_CSP, type Viewer } from './rep.layout.ts';

const read = { role: 'leads-read' } as const;
const write = { role: 'leads-write' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const DONE: Record<PersonAction, string> = { claim: 'claimed', work: 'being worked', qualify: 'qualified', disqualify: 'disqualified', won: 'won', lost: 'lost', 'pass-back': 'passed back', note: 'noted' };

export interface RepPagesOptions {
  prisma: PrismaClient;
  passBackCap: number;
  /** Provider slugs corrections are checked against. */
  catalog: Catalog;
}

type Query = Record<string, string | undefined>;

export async function registerRepPages(app: FastifyInstance, o: RepPagesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', REP_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('cache-control', 'no-store');
    });
    // The session cookie is SameSite=Strict; a form posted from another origin is refused too.
    scope.addHook('preHandler', async (request, reply) => {
      const origin = request.headers.origin;
      if (request.method === 'POST' && origin && safeHost(origin) !== request.headers.host) {
        return reply.code(403).type('text/html').send(errorPage(403, 'This form was sent from another site.', null));
      }
    });

    scope.get('/my/app.css', { config: read, schema: { hide: true } }, async (_req, reply) => reply.type('text/css').header('cache-control', 'max-age=300').send(REP_CSS));

    scope.get<{ Querystring: Query }>('/my/queue', { config: read, schema: { hide: true } }, async (request, reply) => {
      const actor = await actorFromRequest(o.prisma, request);
      const viewer = viewerOf(actor);
      const teams = await teamChoices(o.prisma, actor);
      const q = request.query;
      const filters: QueueFilters = {
        team: q.team || teams[0] || UNASSIGNED_QUEUE,
        status: q.status || undefined, tier: q.tier || undefined, isp: q.isp || undefined, region: q.region || undefined, city: q.city || undefined,
        sort: (SORTS as readonly string[]).includes(q.sort ?? '') ? (q.sort as QueueSort) : 'priority',
        dir: q.dir === 'desc' ? 'desc' : 'asc',
      };
      try {
        const all = await listLeads(o.prisma, { team: filters.team }, actor);
        return reply.type('text/html').send(renderQueue({ viewer, teams, all, shown: filterAndSort(all, filters), filters, notice: noticeOf(q) }));
      } catch (error) {
        return sendError(reply, error, viewer);
      }
    });

    scope.get<{ Params: { id: number }; Querystring: Query }>('/my/leads/:id', { config: read, schema: { hide: true, params: idParams } }, async (request, reply) => {
      const actor = await actorFromRequest(o.prisma, request);
      try {
        const detail = await getLeadDetail(o.prisma, request.params.id, actor);
        return reply.type('text/html').send(renderLeadPage(detail, viewerOf(actor), { notice: noticeOf(request.query) }));
      } catch (error) {
        return sendError(reply, error, viewerOf(actor));
      }
    });

    scope.post<{ Params: { id: number }; Body: Query }>('/my/leads/:id/actions', { config: write, schema: { hide: true, params: idParams } }, async (request, reply) => {
      const actor = await actorFromRequest(o.prisma, request);
      const leadId = request.params.id;
      const action = request.body?.action ?? '';
      try {
        if (!(PERSON_ACTIONS as readonly string[]).includes(action)) return reply.code(400).type('text/html').send(errorPage(400, `unknown action "${action}"`, viewerOf(actor)));
        const before = await o.prisma.lead.findUnique({ where: { id: leadId }, select: { teamId: true } });
        const r = await actOnLead(o.prisma, { leadId, action: action as PersonAction, actor, reason: request.body?.reason, passBackCap: o.passBackCap });
        const to = r.team ? await o.prisma.team.findUnique({ where: { name: r.team } }) : null;
        const notice = new URLSearchParams({ done: action, lead: String(leadId), ...(r.team ? { to: r.team } : {}) });
        // Qualified leads leave a teleprospecting rep's reach: back to the queue they came from.
        if (canRead(actor, to?.id ?? null)) return reply.redirect(`/my/leads/${leadId}?${notice}`, 303);
        const fromTeam = before?.teamId ? (await o.prisma.team.findUnique({ where: { id: before.teamId } }))?.name : undefined;
        return reply.redirect(`/my/queue?${new URLSearchParams({ ...(fromTeam ? { team: fromTeam } : {}), ...Object.fromEntries(notice) })}`, 303);
      } catch (error) {
        return sendLeadPageError(o.prisma, reply, error, leadId, actor);
      }
    });

    scope.post<{ Params: { id: number }; Body: Query }>('/my/leads/:id/corrections', { config: write, schema: { hide: true, params: idParams } }, async (request, reply) => {
      const actor = await actorFromRequest(o.prisma, request);
      const values = { field: request.body?.field ?? '', value: request.body?.value ?? '', unknown: request.body?.unknown ?? '', note: request.body?.note ?? '' };
      try {
        const detail = await getLeadDetail(o.prisma, request.params.id, actor);
        if (!detail.actions.length) return reply.code(403).type('text/html').send(errorPage(403, `${actor.label} can read lead ${detail.id} but not change it`, viewerOf(actor)));
        const parsed = correctionSchema.safeParse({ field: values.field, value: values.value, unknown: values.unknown === 'true', note: values.note });
        if (!parsed.success) {
          const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'field'), i.message]));
          return reply.code(400).type('text/html').send(renderLeadPage(detail, viewerOf(actor), { error: 'The correction is not valid; see the marked fields.', correction: { values, errors } }));
        }
        const outcome = await storeLeadCorrection(o.prisma, o.catalog, detail.id, parsed.data, actor);
        if (!outcome.stored) {
          return reply.code(422).type('text/html').send(renderLeadPage(detail, viewerOf(actor), { error: 'The correction was not stored.', correction: { values, errors: { value: outcome.reason } } }));
        }
        return reply.code(201).type('text/html').send(renderLeadPage(detail, viewerOf(actor), { correction: { values: {}, errors: {}, outcome: describeStoredCorrection(outcome.correction) } }));
      } catch (error) {
        return sendError(reply, error, viewerOf(actor));
      }
    });
  });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function viewerOf(actor: LeadActor): Viewer {
  return { label: actor.label, role: actor.role };
}

async function teamChoices(prisma: PrismaClient, actor: LeadActor): Promise<string[]> {
  const own = readableTeams(actor);
  const teams = await prisma.team.findMany({ where: own === 'all' ? {} : { id: { in: own } }, orderBy: { position: 'asc' } });
  return [...teams.map((t) => t.name), ...(own === 'all' ? [UNASSIGNED_QUEUE] : [])];
}

function noticeOf(q: Query): string | undefined {
  const action = q.done as PersonAction | undefined;
  if (!action || !(action in DONE)) return undefined;
  return `Lead #${q.lead ?? '?'} ${DONE[action]}${action === 'qualify' && q.to ? `: handed to ${q.to}` : ''}${action === 'pass-back' && q.to ? `: back with ${q.to}` : ''}.`;
}

function sendError(reply: FastifyReply, error: unknown, viewer: Viewer): FastifyReply {
  const http = leadErrorToHttp(error);
  if (!http) throw error;
  return reply.code(http.status).type('text/html').send(errorPage(http.status, http.message, viewer));
}

/** An illegal or incomplete action: the lead page again, with the reason and its legal actions. */
async function sendLeadPageError(prisma: PrismaClient, reply: FastifyReply, error: unknown, leadId: number, actor: LeadActor): Promise<FastifyReply> {
  const http = leadErrorToHttp(error);
  if (!http) throw error;
  if (http.status === 403 || http.status === 404) return reply.code(http.status).type('text/html').send(errorPage(http.status, http.message, viewerOf(actor)));
  const detail = await getLeadDetail(prisma, leadId, actor);
  const state: LeadPageState = { error: http.message };
  return reply.code(http.status).type('text/html').send(renderLeadPage(detail, viewerOf(actor), state));
}

