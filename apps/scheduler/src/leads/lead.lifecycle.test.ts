import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createPrisma, redisConnectionOptions, type PrismaClient } from '@prospector/core';
import { deletePrefix } from '../../../../test/helpers/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { actorForEmail, LeadAccessError, OPS_ACTOR } from './lead-actor.ts';
import { startLeadJobs } from './lead-jobs.ts';
import { leadHistory, listLeads } from './lead.queries.ts';
import { actOnLead, LeadNotFoundError, LeadRequestError } from './lead.service.ts';
import { IllegalTransitionError } from './lead.states.ts';
import { routeScan } from './routing.service.ts';
import { sweepStaleLeads } from './stale.service.ts';
import { loadTeams, seedDoneScan } from '../../../../test/helpers/lead-fixtures.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let db: TestDatabase;
let prisma: PrismaClient;
const leadOf = new Map<string, number>();

beforeAll(async () => {
  db = await createTestDatabase('lifecycle');
  prisma = createPrisma({ databaseUrl: db.url });
  await loadTeams(prisma);
  const { scanId, ids } = await seedDoneScan(prisma, 'life', [
    { externalId: 'L1', name: 'Lakeview Dental', region: 'OH', postalCode: '44113', tier: 'B', score: 60 },
    { externalId: 'L2', name: 'Erie Freight', region: 'OH', postalCode: '44114', tier: 'B', score: 55 },
    { externalId: 'L3', name: 'Queen City Bakery', region: 'OH', postalCode: '45202', tier: 'C', score: 30 },
  ]);
  await routeScan(prisma, scanId);
  for (const [ext, prospectId] of ids) leadOf.set(ext, (await prisma.lead.findUniqueOrThrow({ where: { prospectId } })).id);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const cap = 2;
const act = async (ext: string, action: Parameters<typeof actOnLead>[1]['action'], by: string | null, reason?: string) =>
  actOnLead(prisma, { leadId: leadOf.get(ext) ?? 0, action, actor: by ? await actorForEmail(prisma, by) : OPS_ACTOR, reason, passBackCap: cap });

describe('lead lifecycle', () => {
  it('works a lead to qualified, which hands it to the sales team the region passes to', async () => {
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L1') } })).status).toBe('assigned');
    await act('L1', 'work', 'dana@example.com');
    const q = await act('L1', 'qualify', 'dana@example.com');
    expect(q).toMatchObject({ from: 'working', to: 'qualified', team: 'cle-sales', rep: 'Lee Park' });
    expect(q.explanation).toBe('handed to cle-sales (cle-tp passes to it); rep Lee Park: next in rotation, 1 of 100 open');
    const tpQueue = await listLeads(prisma, { team: 'cle-tp' }, await actorForEmail(prisma, 'dana@example.com'));
    expect(tpQueue.map((l) => l.externalId)).not.toContain('L1');
    const sales = await listLeads(prisma, { team: 'cle-sales', status: 'qualified' }, OPS_ACTOR);
    expect(sales.map((l) => [l.externalId, l.rep, l.tier, l.score])).toEqual([['L1', 'lee@example.com', 'B', 60]]);
  });

  it('refuses an illegal transition naming the legal ones, and changes nothing', async () => {
    const before = await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L1') } });
    const events = await prisma.leadEvent.count();
    await expect(act('L1', 'claim', 'lee@example.com')).rejects.toThrow(new IllegalTransitionError('qualified', 'claim', ['disqualify', 'won', 'lost', 'note']));
    await expect(act('L1', 'claim', 'lee@example.com')).rejects.toThrow('cannot claim a lead that is qualified; legal now: disqualify, won, lost, note');
    await expect(act('L1', 'disqualify', 'lee@example.com')).rejects.toThrow(LeadRequestError);
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L1') } })).toEqual(before);
    expect(await prisma.leadEvent.count()).toBe(events);
  });

  it('keeps other teams out: a rep of another team can neither read nor change a lead', async () => {
    const ana = await actorForEmail(prisma, 'ana@example.com');
    await expect(listLeads(prisma, { team: 'cle-tp' }, ana)).rejects.toThrow(LeadAccessError);
    await expect(leadHistory(prisma, leadOf.get('L2') ?? 0, ana)).rejects.toThrow(/belongs to another team/);
    const before = await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L2') } });
    await expect(act('L2', 'work', 'ana@example.com')).rejects.toThrow('ana@example.com is not an active member of cle-tp, which holds this lead');
    // Same team, another rep's lead: only they or a manager may move it.
    await expect(act('L2', 'work', 'dana@example.com')).rejects.toThrow(/assigned to another rep of cle-tp/);
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L2') } })).toEqual(before);
    await expect(actOnLead(prisma, { leadId: 999_999, action: 'work', actor: OPS_ACTOR, passBackCap: cap })).rejects.toThrow(LeadNotFoundError);
  });

  it('a note resets the stale clock; without activity the sweep passes the lead back to its qualifier', async () => {
    const id = leadOf.get('L1') ?? 0;
    const qualifiedAt = (await prisma.lead.findUniqueOrThrow({ where: { id } })).lastActivityAt;
    const later = new Date(qualifiedAt.getTime() + 10_000);
    await act('L1', 'note', 'lee@example.com', 'left a voicemail');
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: cap, now: later })).toEqual({ stale: 0, passedBack: 0, capped: 0 });
    const muchLater = new Date(Date.now() + 120_000);
    expect(await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: cap, now: muchLater })).toEqual({ stale: 1, passedBack: 1, capped: 0 });
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id } });
    expect(lead).toMatchObject({ status: 'passed-back', passBacks: 1 });
    const team = await prisma.team.findUniqueOrThrow({ where: { id: lead.teamId ?? 0 } });
    const rep = await prisma.teamMember.findUniqueOrThrow({ where: { id: lead.memberId ?? 0 } });
    expect([team.name, rep.name]).toEqual(['cle-tp', 'Dana Reyes']);
  });

  it('caps pass-backs per lead and logs the whole path', async () => {
    const id = leadOf.get('L1') ?? 0;
    for (let round = 2; round <= 3; round += 1) {
      await act('L1', 'work', 'dana@example.com');
      await act('L1', 'qualify', 'dana@example.com');
      const r = await sweepStaleLeads(prisma, { staleAfterMs: 60_000, passBackCap: cap, now: new Date(Date.now() + 120_000) });
      expect(r).toEqual(round === 2 ? { stale: 1, passedBack: 1, capped: 0 } : { stale: 1, passedBack: 0, capped: 1 });
    }
    expect(await prisma.lead.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'stale', passBacks: 2 });
    await expect(act('L1', 'pass-back', null)).rejects.toThrow('passed back 2 times already (cap 2)');
    const path = (await leadHistory(prisma, id, OPS_ACTOR)).map((e) => `${e.actor}:${e.action}:${e.from ?? ''}>${e.to}`);
    expect(path).toEqual([
      'router:route:>assigned',
      'dana@example.com:work:assigned>working', 'dana@example.com:qualify:working>qualified',
      'lee@example.com:note:qualified>qualified',
      'scheduler:stale:qualified>stale', 'scheduler:pass-back:stale>passed-back',
      'dana@example.com:work:passed-back>working', 'dana@example.com:qualify:working>qualified',
      'scheduler:stale:qualified>stale', 'scheduler:pass-back:stale>passed-back',
      'dana@example.com:work:passed-back>working', 'dana@example.com:qualify:working>qualified',
      'scheduler:stale:qualified>stale', 'scheduler:note:stale>stale',
    ]);
  });

  it('the BullMQ job scheduler runs the sweep on its own', async () => {
    await act('L3', 'work', 'ana@example.com');
    await act('L3', 'qualify', 'ana@example.com');
    const prefix = `{t-leads-${randomBytes(3).toString('hex')}}`;
    const jobs = await startLeadJobs({ prisma, connection: redisConnectionOptions(REDIS_URL), prefix, logger: createLogger('silent', 'test'), staleAfterMs: 300, passBackCap: cap, sweepEveryMs: 200 });
    try {
      expect((await jobs.queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([['lead-sweep', 200]]);
      const deadline = Date.now() + 15_000;
      let status = '';
      while (Date.now() < deadline && (status = (await prisma.lead.findUniqueOrThrow({ where: { id: leadOf.get('L3') } })).status) !== 'passed-back') {
        // Each sweep the scheduler runs is a completed job; the timer only bounds one wait.
        await Promise.race([new Promise((r) => jobs.worker.once('completed', r)), new Promise((r) => setTimeout(r, 1000))]);
      }
      expect(status).toBe('passed-back');
    } finally {
      await jobs.close();
      const redis = new Redis(REDIS_URL);
      await deletePrefix(redis, prefix);
      await redis.quit();
    }
  });
});
