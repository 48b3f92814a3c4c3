// The "done when" of issue 15, through the real `prospector` binary: a teams file with
// three regions → import → scan (a worker process) → `prospector serve` routes every lead
// when the scan completes, as the rules say → a rep claims and qualifies one, which sales
// wins; another is qualified and left alone, goes stale through the job scheduler and is
// passed back → its log shows the whole path. Bad teams files, unknown leads, illegal
// transitions and another team's rep each get a clear error and change nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { generateMarket, simnetEnv, startSimnet, writePurchasedList, type Market, type Simnet } from '@prospector/simnet';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { REDIS_URL } from './helpers/pipeline-harness.ts';
import { deletePrefix } from './helpers/redis-keys.ts';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const BIN = 'apps/scheduler/bin/prospector.mjs';
const PREFIX = `{t-leads-e2e-${process.pid}}`;
// Each CLI call takes seconds on a busy machine: long enough that a qualified lead is won before it can go stale.
const STALE_MS = 30_000;

const TEAMS = `# Three regions of Ohio, each a teleprospecting team passing to its sales team.
teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["440", "441"] }
    members:
      - { name: Dana Reyes, email: dana@example.com, capacity: 40 }
      - { name: Sam Ortiz, email: sam@example.com, capacity: 40 }
  - name: cbus-tp
    kind: teleprospecting
    passesTo: cbus-sales
    territory: { states: [OH], postalPrefixes: ["430", "431", "432"] }
    members:
      - { name: Kim Lee, email: kim@example.com, capacity: 40 }
  - name: cin-tp
    kind: teleprospecting
    passesTo: cin-sales
    territory: { states: [OH], postalPrefixes: ["450", "451", "452"] }
    members:
      - { name: Ana Cruz, email: ana@example.com, capacity: 40 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["440", "441"] }
    members:
      - { name: Lee Park, email: lee@example.com, capacity: 100 }
  - name: cbus-sales
    kind: sales
    territory: { postalPrefixes: ["430", "431", "432"] }
    members:
      - { name: Jo Ray, email: jo@example.com, capacity: 100 }
  - name: cin-sales
    kind: sales
    territory: { postalPrefixes: ["450", "451", "452"] }
    members:
      - { name: Ed Kim, email: ed@example.com, capacity: 100 }
`;

/** The rules restated independently of the router: where a postal code must go. */
function expectedTeam(postal: string | null): string | null {
  const p = (postal ?? '').slice(0, 3);
  if (['440', '441'].includes(p)) return 'cle-tp';
  if (['430', '431', '432'].includes(p)) return 'cbus-tp';
  if (['450', '451', '452'].includes(p)) return 'cin-tp';
  return null;
}

let db: TestDatabase;
let prisma: PrismaClient;
let simnet: Simnet;
let market: Market;
let dir: string;
let env: NodeJS.ProcessEnv;
const daemons: ChildProcess[] = [];

const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 180_000 });
async function cliFails(...args: string[]): Promise<string> {
  try {
    await cli(...args);
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    expect(e.code).not.toBe(0);
    return e.stderr ?? '';
  }
  throw new Error(`prospector ${args.join(' ')} succeeded; expected a refusal`);
}
const snapshot = async () => ({
  teams: await prisma.team.findMany({ orderBy: { id: 'asc' }, include: { members: true, territory: true } }),
  leads: await prisma.lead.findMany({ orderBy: { id: 'asc' } }),
  events: await prisma.leadEvent.count(),
});

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  db = await createTestDatabase('leads_e2e');
  prisma = createPrisma({ databaseUrl: db.url });
  market = generateMarket({ seed: 1515, size: 45, octet: 78 });
  simnet = await startSimnet({ market });
  dir = await mkdtemp(join(tmpdir(), 'prospector-leads-'));
  writePurchasedList(market, join(dir, 'list.csv'));
  await writeFile(join(dir, 'teams.yaml'), TEAMS);
  env = {
    ...process.env, DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: PREFIX, ...simnetEnv(simnet), HEALTH_PORT: '0', LOG_LEVEL: 'warn',
    LEAD_STALE_AFTER_MS: String(STALE_MS), LEAD_SWEEP_EVERY_MS: '500', LEAD_PASS_BACK_CAP: '2',
  };
}, 60_000);

afterAll(async () => {
  for (const d of daemons) {
    if (d.exitCode === null) {
      d.kill('SIGTERM');
      await new Promise((r) => d.once('exit', r));
    }
  }
  await prisma?.$disconnect();
  await simnet?.close();
  await db?.drop();
  const redis = new Redis(REDIS_URL);
  await deletePrefix(redis, PREFIX);
  await redis.quit();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('teams, routing and the lead lifecycle, end to end', () => {
  it('refuses a bad teams file naming line and field, and changes nothing', async () => {
    await writeFile(join(dir, 'bad.yaml'), TEAMS.replace('capacity: 40 }\n  - name: cbus-tp', 'capacity: lots }\n  - name: cbus-tp').replace('kind: sales\n    territory: { postalPrefixes: ["450"', 'kind: field\n    territory: { postalPrefixes: ["450"'));
    const stderr = await cliFails('teams', 'load', join(dir, 'bad.yaml'));
    expect(stderr).toContain('2 problems');
    expect(stderr).toContain('line 9, teams[0].members[1].capacity: Invalid input: expected number, received string');
    expect(stderr).toMatch(/line 33, teams\[5\]\.kind: .*"teleprospecting"\|"sales"/);
    await writeFile(join(dir, 'bad2.yaml'), TEAMS.replace('passesTo: cin-sales', 'passesTo: cincinnati-sales'));
    expect(await cliFails('teams', 'load', join(dir, 'bad2.yaml'))).toContain('line 18, teams[2].passesTo: no team named cincinnati-sales in this file');
    expect(await prisma.team.count()).toBe(0);
  }, 60_000);

  it('loads the teams file idempotently, printing what changed', async () => {
    const first = await cli('teams', 'load', join(dir, 'teams.yaml'));
    expect(first.stdout).toContain('team cle-tp: created (teleprospecting, passes to cle-sales)');
    expect(first.stdout).toContain('team cin-tp: member Ana Cruz <ana@example.com> added (rep, capacity 40)');
    const again = await cli('teams', 'load', join(dir, 'teams.yaml'));
    expect(again.stdout.trim()).toBe(`no changes: the database already matches ${join(dir, 'teams.yaml')}`);
    const listed = JSON.parse((await cli('teams', 'list', '--json')).stdout) as { name: string }[];
    expect(listed.map((t) => t.name)).toEqual(['cle-tp', 'cbus-tp', 'cin-tp', 'cle-sales', 'cbus-sales', 'cin-sales']);
  }, 60_000);

  it('routes every lead as the rules say when the scan completes (serve runs the routing)', async () => {
    const suppressed = market.businesses.find((b) => expectedTeam(b.zip) === 'cin-tp');
    if (!suppressed) throw new Error('the market needs a Cincinnati business');
    await writeFile(join(dir, 'dnc.csv'), `phone,name,reason\n${suppressed.phone},"${suppressed.name.replace(/"/g, '""')}",existing customer\n`);
    expect((await cli('suppress', 'load', join(dir, 'dnc.csv'))).stdout).toContain('2 entries (2 new');

    daemons.push(spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
    daemons.push(spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
    await cli('import', join(dir, 'list.csv'), '--campaign', 'ohio', '--wait');
    const total = await prisma.prospect.count();
    await until('every prospect routed', async () => ((await prisma.lead.count()) + (await prisma.leadExclusion.count()) === total ? true : null), 60_000);

    const routed = await cli('route', '--campaign', 'ohio');
    console.log(routed.stdout);
    expect(routed.stdout).toMatch(new RegExp(`^ohio: ${total - 1} leads \\(0 routed now\\), 1 kept out`));
    const lines = JSON.parse((await cli('route', '--campaign', 'ohio', '--json')).stdout) as { leadId: number | null; externalId: string; team: string | null; explanation: string; status: string }[];
    const prospects = new Map((await prisma.prospect.findMany()).map((p) => [p.externalId, p]));
    for (const line of lines) {
      const p = prospects.get(line.externalId);
      if (line.leadId === null) {
        expect(line.status).toBe('suppressed');
        expect(line.explanation).toMatch(/^suppressed: (phone|name) .* \(existing customer\)$/);
        continue;
      }
      expect(line.team, `${line.externalId} ${p?.postalCode}: ${line.explanation}`).toBe(expectedTeam(p?.postalCode ?? null));
      if (line.team) expect(line.explanation).toMatch(new RegExp(`^OH ${p?.postalCode} → ${line.team}: postal prefix ${p?.postalCode?.slice(0, 3)}; rep .+: next in rotation, \\d+ of 40 open`));
      else expect(line.explanation).toBe(`OH ${p?.postalCode} → unassigned queue: outside every territory`);
    }
    expect(lines.filter((l) => l.team === null && l.leadId !== null).length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.team))).toEqual(new Set(['cle-tp', 'cbus-tp', 'cin-tp', null]));
    // Tier D is a lead too: queues are ordered, not filtered.
    const tiers = await prisma.finding.findMany({ where: { prospect: { lead: { isNot: null } } }, select: { tier: true } });
    expect(tiers.some((t) => t.tier === 'D')).toBe(true);
  }, 300_000);

  it('lists a queue in priority order with the fields of the contract', async () => {
    const leads = JSON.parse((await cli('leads', '--team', 'cle-tp', '--json')).stdout) as Record<string, unknown>[];
    expect(leads.length).toBeGreaterThan(2);
    for (const l of leads) for (const f of ['externalId', 'name', 'postalCode', 'status', 'rep', 'tier', 'score']) expect(l).toHaveProperty(f);
    const order = leads.map((l) => `${l.tier}${String(999 - Number(l.score)).padStart(3, '0')}`);
    expect(order).toEqual([...order].sort());
    const dana = JSON.parse((await cli('leads', '--team', 'cle-tp', '--rep', 'dana@example.com', '--status', 'assigned', '--json')).stdout) as { rep: string }[];
    expect(dana.length).toBeGreaterThan(0);
    expect(new Set(dana.map((l) => l.rep))).toEqual(new Set(['dana@example.com']));
  }, 60_000);

  it('qualifies one lead that sales wins, and another goes stale through the scheduler and is passed back', async () => {
    const [stale, won] = JSON.parse((await cli('leads', '--team', 'cle-tp', '--rep', 'dana@example.com', '--json')).stdout) as { id: number }[];
    if (!stale || !won) throw new Error('Dana needs two leads');
    // The one left to go stale first, so the won one is closed well inside the stale interval.
    await cli('lead', String(stale.id), 'work', '--by', 'dana@example.com');
    await cli('lead', String(stale.id), 'qualify', '--by', 'dana@example.com');
    await cli('lead', String(won.id), 'work', '--by', 'dana@example.com');
    const q = await cli('lead', String(won.id), 'qualify', '--by', 'dana@example.com');
    expect(q.stdout).toMatch(new RegExp(`^lead ${won.id}: working → qualified \\(cle-sales, Lee Park\\): handed to cle-sales`));
    await cli('lead', String(won.id), 'won', '--by', 'lee@example.com');

    const back = await until('the stale lead passed back', async () => {
      const l = await prisma.lead.findUniqueOrThrow({ where: { id: stale.id } });
      return l.status === 'passed-back' ? l : null;
    }, STALE_MS + 30_000);
    expect(back.passBacks).toBe(1);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: won.id } })).status).toBe('won');

    const history = (await cli('lead', String(stale.id), '--history')).stdout;
    console.log(history);
    const path = history.trim().split('\n').map((line) => line.replace(/^\S+\s+/, '').replace(/\s+/g, ' '));
    expect(path.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'router route ∅', 'dana@example.com work assigned', 'dana@example.com qualify working', 'scheduler stale qualified', 'scheduler pass-back stale',
    ]);
    expect(path[3]).toContain(`no activity for ${STALE_MS / 1000} s while qualified`);
    expect(path[4]).toContain('[cle-tp, Dana Reyes]');
    expect(path[4]).toContain('back to cle-tp, to Dana Reyes who qualified it (pass-back 1 of 2)');
  }, 120_000);

  it('refuses unknown leads, illegal transitions and another team’s rep with a clear error, changing nothing', async () => {
    const won = await prisma.lead.findFirstOrThrow({ where: { status: 'won' } });
    const cle = await prisma.lead.findFirstOrThrow({ where: { status: 'assigned', teamId: (await prisma.team.findUniqueOrThrow({ where: { name: 'cle-tp' } })).id } });
    const before = await snapshot();
    expect(await cliFails('lead', '999999', 'work')).toContain('no lead 999999');
    expect(await cliFails('lead', String(won.id), 'claim', '--by', 'lee@example.com')).toContain(`cannot claim a lead that is won; legal now: note`);
    expect(await cliFails('lead', String(cle.id), 'work', '--by', 'ana@example.com')).toContain('ana@example.com is not an active member of cle-tp, which holds this lead');
    expect(await cliFails('lead', String(cle.id), 'disqualify')).toContain('disqualify needs a reason (--reason TEXT)');
    expect(await cliFails('lead', String(cle.id), 'teleport')).toContain('unknown action "teleport"');
    expect(await cliFails('leads', '--team', 'nowhere')).toContain('no team nowhere');
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
