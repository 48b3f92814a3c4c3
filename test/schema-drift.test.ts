// schema.prisma and the hand-written SQL migrations must agree: migrate an empty
// database, then write and read every model with every field set. A column missing from
// the SQL, a wrong type or an extra NOT NULL column fails here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrisma, migrateDatabase, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase('drift');
  prisma = createPrisma({ databaseUrl: db.url });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

it('re-running the migrations applies nothing', async () => {
  const again = await migrateDatabase(db.url);
  expect(again.applied).toEqual([]);
  expect(again.alreadyApplied.length).toBeGreaterThan(0);
});

it('every model takes a write with every field set (a column missing from the SQL fails here)', async () => {
  const campaign = await prisma.campaign.create({ data: { name: 'c', playbook: { tiers: [] }, modelVersion: 1 } });
  const base = { campaignId: campaign.id };
  await prisma.importRun.create({ data: { ...base, fileSha256: 'x', fileName: 'f.csv', encoding: 'utf-8', rowsRead: 1, created: 1, merged: 0, rejected: 0 } });
  const business = await prisma.business.create({ data: {} });
  const prospect = await prisma.prospect.create({
    data: { ...base, businessId: business.id, externalId: 'R1', name: 'N', nameKey: 'n', address: 'a', city: 'c', region: 'OH', postalCode: '43004', phone: '+16145550100', website: 'w', websiteDomain: 'w.com', email: 'e@w.com', emailDomain: 'w.com', employees: 5, revenue: 1.5, industryCode: '1711' },
  });
  await prisma.sourceRow.create({ data: { ...base, prospectId: prospect.id, fileSha256: 'x', rowNumber: 2, recordId: 'R1', raw: { a: 1 }, mergeReason: 'same-phone-and-name' } });
  await prisma.rejectedRow.create({ data: { ...base, fileSha256: 'x', rowNumber: 3, reason: 'no name', raw: ',,' } });
  const scan = await prisma.scan.create({ data: { ...base, number: 1, total: 1, finishedAt: new Date() } });
  const scope = { scanId: scan.id, prospectId: prospect.id };
  await prisma.stageRun.create({ data: { ...scope, stage: 'dns', subject: 'w.com', status: 'failed', attempts: 2, error: 'e', errorKind: 'timeout' } });
  await prisma.agentResult.create({ data: { ...scope, agent: 'dns', subject: 'w.com', result: { ok: true } } });
  await prisma.candidate.create({ data: { ...scope, domain: 'w.com', sources: ['search'], score: 0.5, status: 'verified', authenticity: 0.9, landingDomain: 'v.com', reason: 'r' } });
  await prisma.dnsRecord.create({ data: { ...scope, domain: 'w.com', name: 'w.com', type: 'MX', value: '10 mx.w.com', ttl: 300 } });
  await prisma.address.create({ data: { ...scope, domain: 'w.com', ip: '192.0.2.1', hostname: 'mail.w.com', role: 'mx', asn: 7922, asnPrefix: '192.0.2.0/24', asnOwner: 'COMCAST', country: 'US', ptr: 'x.comcastbusiness.net' } });
  await prisma.httpObservation.create({ data: { ...scope, domain: 'w.com', url: 'https://w.com/', finalUrl: 'https://w.com/', status: 200, chain: [], headers: {}, tls: { trusted: true }, title: 't', generator: 'g', technologies: ['wordpress'], error: null, errorKind: null } });
  await prisma.finding.create({
    data: { ...scope, presence: 'website', domain: 'w.com', emailProvider: 'microsoft-365', emailGateway: 'proofpoint', webHost: 'squarespace', dnsProvider: 'godaddy', isp: 'comcast-business', ecommercePlatform: 'shopify', cms: 'wordpress', voipProvider: 'microsoft-teams', score: 80, tier: 'A', reasons: ['r'], confidence: { isp: 0.9 }, evidence: { isp: ['e'] } },
  });

  const token = await prisma.apiToken.create({ data: { name: 'ops', role: 'ops', tokenHash: 'h', lastUsedAt: new Date(), revokedAt: null, expiresAt: new Date(), memberEmail: 'a@b.c' } });
  await prisma.apiSession.create({ data: { tokenId: token.id, secretHash: 's', expiresAt: new Date() } });
  const team = await prisma.team.create({ data: { name: 't', kind: 'sales', passesTo: null, position: 0, rotation: 1 } });
  await prisma.territory.create({ data: { teamId: team.id, states: ['OH'], counties: ['Cuyahoga'], postalPrefixes: ['441'], industryCodes: ['7372'], tiers: ['A'] } });
  const member = await prisma.teamMember.create({ data: { teamId: team.id, name: 'n', email: 'a@b.c', capacity: 5, active: false, role: 'manager', position: 0 } });
  await prisma.suppression.create({ data: { kind: 'domain', value: 'w.com', reason: 'customer', source: 's.csv' } });
  const lead = await prisma.lead.create({
    data: { ...scope, campaignId: campaign.id, status: 'qualified', teamId: team.id, memberId: member.id, qualifiedTeamId: team.id, qualifiedMemberId: member.id, passBacks: 1, routeRule: 'r', routeReason: 'why', disqualifyReason: null, stateSince: new Date(), lastActivityAt: new Date() },
  });
  await prisma.leadEvent.create({ data: { leadId: lead.id, actor: 'a', action: 'route', fromStatus: null, toStatus: 'new', teamId: team.id, memberId: member.id, rule: 'r', reason: 'why' } });
  await prisma.leadExclusion.create({ data: { ...scope, campaignId: campaign.id, cause: 'suppressed', reason: 'customer' } });
  // History tables: their no-overlap rule (EXCLUDE USING gist on [validFrom, validTo)) and
  // foreign keys live only in the SQL migration, Prisma has no range type.
  await prisma.providerPeriod.create({ data: { prospectId: prospect.id, field: 'isp', value: 'comcast-business', firstScanId: scan.id, lastScanId: scan.id, firstScanNumber: 1, lastScanNumber: 1, validFrom: new Date(), validTo: null } });
  await prisma.changeEvent.create({
    data: { campaignId: campaign.id, prospectId: prospect.id, field: 'isp', kind: 'changed', fromValue: 'a', toValue: 'b', fromScanId: scan.id, toScanId: scan.id, fromScanNumber: 1, toScanNumber: 1, fromConfidence: 0.9, toConfidence: 0.8, confidence: 0.8, fromEvidence: [], toEvidence: [], flapping: true },
  });

  const event = await prisma.deliveryEvent.create({ data: { id: 'evt_1', type: 'scan.completed', subjectId: '1', data: { scanId: 1 }, dispatchedAt: new Date() } });
  const endpoint = await prisma.webhookEndpoint.create({ data: { url: 'https://h.test/', events: ['scan.completed'], secrets: ['whsec_x'], status: 'disabled', disabledReason: 'r', failingSince: new Date() } });
  const message = await prisma.webhookMessage.create({ data: { id: 'msg_1', eventId: event.id, endpointId: endpoint.id, body: '{}', status: 'delivered', attempts: 1, lastStatusCode: 200, deliveredAt: new Date() } });
  const sub = await prisma.digestSubscription.create({ data: { email: 'a@b.test', team: 'East', campaignId: campaign.id, cadence: 'cron', cronPattern: '0 7 * * 1-5', timeZone: 'America/New_York', tiers: ['A'], watermark: new Date(), unsubscribedAt: new Date() } });
  await prisma.digestSend.create({ data: { subscriptionId: sub.id, period: '2026-12-01', status: 'sent', sentAt: new Date(), messageId: '<m@p>', rows: 2 } });
  await prisma.webhookAttempt.create({ data: { messageId: message.id, attempt: 1, statusCode: 200, latencyMs: 3, outcome: 'delivered', error: 'e', responseExcerpt: 'ok' } });
  await prisma.correction.create({
    data: { ...base, prospectId: prospect.id, field: 'domain', value: 'x.com', note: 'n', correctedBy: 'rep', replacedScanId: scan.id, replacedValue: 'w.com', status: 'superseded', supersededAt: new Date(), supersededByScanId: scan.id, supersededValue: 'y.com' },
  });
  await prisma.scoringModel.create({ data: { version: 1, weights: { a: 1 }, labels: 3, validation: { accuracy: 1 } } });
  await prisma.catalogOverride.create({ data: { field: 'emailProvider', evidence: 'mx-suffix', pattern: 'mx.example', provider: 'google-workspace', support: 3, acceptedBy: 'ops' } });
  await prisma.crmConnection.create({ data: { crm: 'hubspot', baseUrl: 'https://api.hubapi.test', auth: { accessToken: 't' }, mapping: { fields: {} }, autoPush: true, autoAssign: 'TRUE', apiVersion: 'v62.0' } });
  const push = await prisma.crmPush.create({ data: { id: 'crm_1', crm: 'hubspot', object: 'companies', campaignId: campaign.id, trigger: 'cli', onlyChanged: true, status: 'done', error: 'e', total: 1, finishedAt: new Date() } });
  await prisma.crmPushItem.create({ data: { pushId: push.id, prospectId: prospect.id, recordKey: 'prs-1', action: 'create', properties: { name: 'N' }, hash: 'h', status: 'sent', created: true, crmId: '101', error: 'e', attempts: 1, sentAt: new Date() } });
  await prisma.crmRecordState.create({ data: { crm: 'hubspot', recordKey: 'prs-1', prospectId: prospect.id, crmId: '101', sent: { name: 'N' }, hash: 'h', pushedAt: new Date(), lastPushId: push.id } });

  const counts = await Promise.all([
    prisma.apiToken.count(), prisma.apiSession.count(),
    prisma.campaign.count(), prisma.importRun.count(), prisma.prospect.count(), prisma.sourceRow.count(), prisma.rejectedRow.count(),
    prisma.scan.count(), prisma.stageRun.count(), prisma.agentResult.count(), prisma.candidate.count(), prisma.dnsRecord.count(),
    prisma.address.count(), prisma.httpObservation.count(), prisma.finding.count(),
    prisma.team.count(), prisma.territory.count(), prisma.teamMember.count(), prisma.suppression.count(), prisma.lead.count(), prisma.leadEvent.count(), prisma.leadExclusion.count(),
    prisma.providerPeriod.count(), prisma.changeEvent.count(),
    prisma.deliveryEvent.count(), prisma.webhookEndpoint.count(), prisma.webhookMessage.count(), prisma.webhookAttempt.count(),
    prisma.digestSubscription.count(), prisma.digestSend.count(),
    prisma.correction.count(), prisma.scoringModel.count(), prisma.catalogOverride.count(),
    prisma.crmConnection.count(), prisma.crmPush.count(), prisma.crmPushItem.count(), prisma.crmRecordState.count(),
  ]);
  expect(counts).toEqual(Array(37).fill(1));
  const finding = await prisma.finding.findFirstOrThrow({ include: { prospect: { include: { sourceRows: true } }, scan: true } });
  expect(finding.prospect.sourceRows[0]?.raw).toEqual({ a: 1 });
});

it('the lead log is append-only: an update or delete is refused by the database', async () => {
  const event = await prisma.leadEvent.findFirstOrThrow();
  await expect(prisma.leadEvent.update({ where: { id: event.id }, data: { reason: 'rewritten' } })).rejects.toThrow(/append-only/);
  await expect(prisma.leadEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  expect((await prisma.leadEvent.findFirstOrThrow()).reason).toBe('why');
});

it('unique keys make a second write of the same fact a conflict, not a duplicate', async () => {
  const scan = await prisma.scan.findFirstOrThrow();
  const prospect = await prisma.prospect.findFirstOrThrow();
  await expect(
    prisma.finding.create({ data: { scanId: scan.id, prospectId: prospect.id, presence: 'none', score: 0, tier: 'D', reasons: [], confidence: {}, evidence: {} } }),
  ).rejects.toMatchObject({ code: 'P2002' });
  await expect(prisma.scan.create({ data: { campaignId: scan.campaignId, number: scan.number, total: 0 } })).rejects.toMatchObject({ code: 'P2002' });
});

it('two periods of one prospect and field may not overlap in time', async () => {
  const scan = await prisma.scan.findFirstOrThrow();
  const prospect = await prisma.prospect.findFirstOrThrow();
  const scan2 = await prisma.scan.create({ data: { campaignId: scan.campaignId, number: 2, total: 0 } });
  await expect(
    prisma.providerPeriod.create({ data: { prospectId: prospect.id, field: 'isp', value: 'att', firstScanId: scan2.id, lastScanId: scan2.id, firstScanNumber: 2, lastScanNumber: 2, validFrom: new Date(), validTo: null } }),
  ).rejects.toThrow(/ProviderPeriod_no_overlap|exclusion/);
});
