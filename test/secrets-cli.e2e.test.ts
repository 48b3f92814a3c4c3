// Credentials sealed at rest, as an operator turns it on and rotates the key: a CRM
// connection and a webhook endpoint stored in the clear, `secrets seal` under a first key,
// a rotation to a second, and a push that fails naming the key once its key is dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, newSecretKey, type PrismaClient } from '@prospector/core';
import { startCrmSimulator, type CrmSimulator } from '@prospector/simnet';
import { seedDoneScan } from './helpers/lead-fixtures.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';
import { runProspector } from './reliability/campaign.fixture.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let sim: CrmSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase('secrets_cli');
  prisma = createPrisma({ databaseUrl: db.url });
  sim = await startCrmSimulator();
  env = { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `{test-secrets-cli-${process.pid}}`, WEBHOOK_ALLOW_CIDRS: '127.0.0.0/8', LOG_LEVEL: 'warn' };
  await seedDoneScan(prisma, 'sealed-crm', [{ externalId: 'R-1', name: 'Acme', region: 'OH', postalCode: '44101', tier: 'A', score: 90 }]);
});
afterAll(async () => {
  await sim?.close();
  await prisma?.$disconnect();
  await db?.drop();
});

const run = (args: string[], keys: string[] = []) => runProspector(args, { ...env, SECRETS_KEYS: keys.join(',') });

/** Every stored credential, as the database holds it. */
async function storedText(): Promise<string> {
  const rows = await prisma.$queryRaw<{ text: string }[]>`
    SELECT auth::text AS text FROM "CrmConnection" UNION ALL SELECT array_to_string(secrets, ' ') FROM "WebhookEndpoint"`;
  return rows.map((r) => r.text).join('\n');
}

describe('prospector secrets', () => {
  it('seals credentials stored in the clear, rotates them to a new key, and names the key a push lacks', async () => {
    const connect = await run(['crm', 'connect', 'hubspot', '--url', sim.url, '--token', 'pat-sim-hubspot']);
    expect(connect.code).toBe(0);
    expect(connect.output).toContain('note: stored in the clear, as SECRETS_KEYS is empty');
    const hook = await run(['webhooks', 'add', 'http://127.0.0.1:9/hook', '--events', 'lead.assigned']);
    expect(hook.code).toBe(0);
    const whsec = /secret \(shown once\): whsec_(\S+)/.exec(hook.output)![1]!;
    expect(await storedText()).toContain('pat-sim-hubspot');

    const plain = await run(['secrets', 'status']);
    expect(plain.output).toContain('SECRETS_KEYS is empty: credentials are stored as given');
    expect(plain.output).toContain('CRM connections: 1 in the clear');
    expect(plain.output).toContain('webhook secrets: 1 in the clear');
    const refused = await run(['secrets', 'seal']);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('SECRETS_KEYS is empty: set it to a key (prospector secrets new-key prints one) before sealing');

    const keyOutput = await run(['secrets', 'new-key']);
    const first = keyOutput.output.trim();
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    const sealed = await run(['secrets', 'seal'], [first]);
    expect(sealed.code).toBe(0);
    expect(sealed.output).toMatch(/sealed with key [0-9a-f]{12}: 1 CRM connection\(s\), 1 webhook secret\(s\)/);
    const stored = await storedText();
    expect(stored).not.toContain('pat-sim-hubspot');
    expect(stored).not.toContain(whsec);
    expect((await run(['crm', 'push', '--campaign', 'sealed-crm', '--to', 'hubspot', '--dry-run'], [first])).output).toContain('1 create(s)');

    const second = newSecretKey();
    const stale = await run(['secrets', 'status'], [second, first]);
    expect(stale.output).toContain('2 value(s) not under the current key: run prospector secrets seal');
    expect((await run(['secrets', 'seal'], [second, first])).output).toMatch(/1 CRM connection\(s\), 1 webhook secret\(s\)/);
    const status = JSON.parse((await run(['secrets', 'status', '--json'], [second])).output) as { currentKeyId: string; crmConnections: { plain: number; sealedBy: Record<string, number> }; toSeal: number };
    expect(status.crmConnections).toEqual({ plain: 0, sealedBy: { [status.currentKeyId]: 1 } });
    expect(status.toSeal).toBe(0);
    expect((await run(['crm', 'push', '--campaign', 'sealed-crm', '--to', 'hubspot', '--dry-run'], [second])).code).toBe(0);

    // The old key alone no longer opens them: the push says which key it needs and sends nothing.
    const lacking = await run(['crm', 'push', '--campaign', 'sealed-crm', '--to', 'hubspot', '--dry-run'], [first]);
    expect(lacking.code).toBe(2);
    expect(lacking.output).toContain(`the hubspot connection's credentials: a stored crm-auth is sealed with key ${status.currentKeyId}, which is not in SECRETS_KEYS`);
    expect(sim.hubspot.companies.size).toBe(0);
  }, 180_000);
});
