// Catalog proposals through the real `prospector` binary, on a market scanned by the real
// pipeline: reps say the mailboxes behind one MX suffix belong to a provider the catalog
// lacks. One correction proposes nothing; three consistent ones do; ops accept; the next
// scan names that provider for every domain behind that MX, the uncorrected ones too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evidencePatterns, type DnsResult } from '@prospector/agents';
import { startScan } from '@prospector/scheduler';
import { REDIS_URL } from './helpers/pipeline-harness.ts';
import { runMarket, type MarketRun } from './helpers/market-run.ts';
import { runProspectorCli, type CliResult } from './helpers/cli-run.ts';

const PROVIDER = 'uncatalogued:Harbor Mail';
let run: MarketRun;
let env: NodeJS.ProcessEnv;

const cli = (...args: string[]): Promise<CliResult> => runProspectorCli(env, args);

interface Proposal {
  id: string;
  field: string;
  evidence: string;
  pattern: string;
  provider: string;
  support: number;
  against: number;
}

async function proposals(): Promise<Proposal[]> {
  const out = await cli('catalog', 'proposals', '--json');
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { proposals: Proposal[] }).proposals;
}

beforeAll(async () => {
  run = await runMarket({ label: 'proposals', size: 40, seed: 20261218, octet: 144 });
  env = { ...process.env, DATABASE_URL: run.harness.db.url, REDIS_URL, LOG_LEVEL: 'warn' };
}, 600_000);
afterAll(async () => {
  await run?.close();
});

it('proposes an override after three consistent corrections, not after one; accepted, the next scan applies it', async () => {
  // The MX suffix most of the scanned domains share, and the prospects behind it.
  const dns = await run.harness.prisma.agentResult.findMany({ where: { agent: 'dns' }, select: { prospectId: true, subject: true, result: true } });
  const findings = await run.harness.prisma.finding.findMany({ select: { prospectId: true, domain: true, prospect: { select: { externalId: true } } } });
  const bySuffix = new Map<string, string[]>();
  for (const f of findings) {
    const result = dns.find((d) => d.prospectId === f.prospectId && d.subject === f.domain)?.result as unknown as DnsResult | undefined;
    for (const p of result ? evidencePatterns(result, 'emailProvider') : []) bySuffix.set(p.pattern, [...(bySuffix.get(p.pattern) ?? []), f.prospect.externalId]);
  }
  const [suffix, prospects] = [...bySuffix.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
  expect(prospects.length).toBeGreaterThanOrEqual(4);
  const [first, second, third, untouched] = prospects as [string, string, string, string];

  expect((await cli('correct', first, 'emailProvider', PROVIDER, '--campaign', 'proposals', '--by', 'dana')).code).toBe(0);
  expect(await proposals()).toEqual([]);
  const none = await cli('catalog', 'proposals');
  expect(none.stdout).toContain('no catalog proposals (a pattern needs at least 3 consistent corrections)');

  for (const id of [second, third]) expect((await cli('correct', id, 'emailProvider', PROVIDER, '--campaign', 'proposals', '--by', 'lee')).code).toBe(0);
  const listed = await proposals();
  expect(listed).toEqual([expect.objectContaining({ field: 'emailProvider', evidence: 'mx-suffix', pattern: suffix, provider: PROVIDER, support: 3, against: 0 })]);
  const table = await cli('catalog', 'proposals');
  expect(table.stdout).toContain(`${listed[0]!.id}  emailProvider: MX under ${suffix} -> ${PROVIDER}  (3 corrections)`);
  // A higher threshold hides it: the support shown is what the threshold is checked against.
  expect((await cli('catalog', 'proposals', '--min-support', '4')).stdout).toContain('no catalog proposals');

  // Never silently: nothing changed until ops accept.
  expect(await run.harness.prisma.catalogOverride.count()).toBe(0);
  const bad = await cli('catalog', 'proposals', 'accept', 'nope');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('no catalog proposal nope');
  const accepted = await cli('catalog', 'proposals', 'accept', listed[0]!.id, '--by', 'ops-kim');
  expect(accepted.code, accepted.stderr).toBe(0);
  expect(accepted.stdout).toContain(`emailProvider = ${PROVIDER} where mx-suffix is ${suffix} (3 corrections)`);
  expect(await run.harness.prisma.catalogOverride.findMany({ select: { field: true, evidence: true, pattern: true, provider: true, support: true, acceptedBy: true } })).toEqual([
    { field: 'emailProvider', evidence: 'mx-suffix', pattern: suffix, provider: PROVIDER, support: 3, acceptedBy: 'ops-kim' },
  ]);
  expect((await cli('catalog', 'proposals')).stdout).toMatch(/\[accepted as override \d+\]/);

  // The next scan's findings (the classifier's own answers, before any correction overlay).
  const rescan = await startScan(run.harness.prisma, run.harness.queues, 'proposals');
  await run.harness.waitForScan(rescan.scanId, 240_000);
  const after = await run.harness.prisma.finding.findMany({ where: { scanId: rescan.scanId, prospect: { externalId: { in: prospects } } }, select: { emailProvider: true, evidence: true, prospect: { select: { externalId: true } } } });
  expect(after.map((f) => f.prospect.externalId).sort()).toEqual([...prospects].sort());
  for (const f of after) expect(f.emailProvider, f.prospect.externalId).toBe('Harbor Mail');
  const evidence = (after.find((f) => f.prospect.externalId === untouched)!.evidence as Record<string, string[]>).emailProvider ?? [];
  expect(evidence.join(' ')).toMatch(/catalog override \d+/);
}, 600_000);
