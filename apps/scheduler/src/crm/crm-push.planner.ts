// Plans a CRM push: every record of the campaign's latest scan mapped onto the CRM's fields,
// compared with what the CRM last accepted (the record state), checked against the CRM's
// picklists (describe), then either reported (dry run) or frozen into a push and its items
// in one transaction and queued. Only-changed pushes send only the fields that changed; a
// record with none is not sent at all.
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { enqueueCrmPush, type PrismaClient, type SecretBox } from '@prospector/core';
import { createCrmClient, crmHash, type CrmHttp, type CrmKind, type CrmSchema, type CrmValue } from '@prospector/worker';
import { crmRecordsWithIds } from '../export/crm.records.ts';
import type { CrmSchemaCache } from './crm-schema-cache.ts';
import { isLeadStatus, type LeadStatus } from '../leads/lead.states.ts';
import { CrmInputError, requireCrmKind } from './crm-connection.service.ts';
import { mapRecord, mappingOf } from './crm.mapping.ts';

export interface PlanCrmPushOptions {
  crm: string;
  campaign: string;
  dryRun?: boolean;
  onlyChanged?: boolean;
  /** The automatic push: only leads in these statuses. */
  leadStatuses?: readonly LeadStatus[];
  trigger?: 'cli' | 'auto';
  country?: string;
}

export interface CrmRejection {
  key: string;
  name: string;
  field: string;
  value: string;
  allowed: string[];
}

export interface CrmPlanLine {
  key: string;
  name: string;
  action: 'create' | 'update';
  fields: string[];
}

export interface CrmPushPlan {
  crm: CrmKind;
  object: string;
  pushId: string | null;
  creates: CrmPlanLine[];
  updates: CrmPlanLine[];
  unchanged: number;
  rejected: CrmRejection[];
  /** Properties the push creates in the CRM (HubSpot's prospector_* ones, the id first). */
  createsFields: string[];
}

/** The upsert key: the prospect's stable id, the same on every push and every retry. */
export function crmRecordKey(prospectId: number): string {
  return `prs_${prospectId}`;
}

export interface CrmPlanDeps {
  prisma: PrismaClient;
  http: CrmHttp;
  secrets: SecretBox;
  queue?: Queue;
  /** Describes kept between plans (the automatic push); without it every plan describes afresh. */
  schemas?: CrmSchemaCache;
}

export async function planCrmPush(deps: CrmPlanDeps, o: PlanCrmPushOptions): Promise<CrmPushPlan> {
  const { prisma } = deps;
  const crm = requireCrmKind(o.crm);
  const campaign = await prisma.campaign.findUnique({ where: { name: o.campaign } });
  if (!campaign) throw new CrmInputError(`no campaign "${o.campaign}"`);
  const connection = await prisma.crmConnection.findUnique({ where: { crm } });
  if (!connection) throw new CrmInputError(`no ${crm} connection: run prospector crm connect ${crm} --url URL … first`);
  const mapping = mappingOf(crm, connection.mapping);
  const describe = () => createCrmClient(connection, mapping.object, { http: deps.http, secrets: deps.secrets, prisma }).describe();
  // A reconnect (new URL, credentials or mapping) changes updatedAt, and with it the key.
  const schema = await (deps.schemas ? deps.schemas.get(`${crm}\0${mapping.object}\0${connection.updatedAt.getTime()}`, describe) : describe());
  const createsFields = checkFields(crm, schema, Object.keys(mapping.fields));

  const leads = new Map((await prisma.lead.findMany({ where: { campaignId: campaign.id }, select: { prospectId: true, status: true } })).map((l) => [l.prospectId, l.status]));
  // What the CRM last accepted, for this campaign's prospects only: the records the loop
  // below reads are theirs, and the automatic push plans every campaign on every sweep.
  const accepted = await prisma.$queryRaw<{ recordKey: string; sent: Record<string, CrmValue> }[]>`
    SELECT s."recordKey", s.sent FROM "CrmRecordState" s JOIN "Prospect" p ON p.id = s."prospectId"
    WHERE s.crm = ${crm} AND p."campaignId" = ${campaign.id}`;
  const states = new Map(accepted.map((s) => [s.recordKey, s.sent]));
  const plan: CrmPushPlan = { crm, object: mapping.object, pushId: null, creates: [], updates: [], unchanged: 0, rejected: [], createsFields };
  const items: { prospectId: number; recordKey: string; action: 'create' | 'update'; properties: Record<string, CrmValue>; rejection: CrmRejection[] }[] = [];

  for await (const { prospectId, record } of crmRecordsWithIds(prisma, o.campaign, o.country ?? 'US')) {
    const status = leads.get(prospectId);
    const leadStatus = status && isLeadStatus(status) ? status : null;
    if (o.leadStatuses && (!leadStatus || !o.leadStatuses.includes(leadStatus))) continue;
    const key = crmRecordKey(prospectId);
    const full = mapRecord(mapping, record, leadStatus);
    // Picklist spellings first, so a value the org spells differently is not "changed" on every push.
    const refused = checkPicklists(schema, full, key, record.name);
    const before = states.get(key);
    let properties: Record<string, CrmValue>;
    if (!before) properties = Object.fromEntries(Object.entries(full).filter(([, v]) => v !== null));
    else if (o.onlyChanged) properties = Object.fromEntries(Object.entries(full).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k] ?? null)));
    else properties = full;
    if (Object.keys(properties).length === 0) {
      plan.unchanged++;
      continue;
    }
    const rejection = refused.filter((r) => r.field in properties);
    const line: CrmPlanLine = { key, name: record.name, action: before ? 'update' : 'create', fields: Object.keys(properties) };
    if (rejection.length) plan.rejected.push(...rejection);
    else (before ? plan.updates : plan.creates).push(line);
    items.push({ prospectId, recordKey: key, action: line.action, properties, rejection });
  }
  if (o.dryRun || items.length === 0) return plan;

  const pushId = `crm_${randomBytes(16).toString('hex')}`;
  const sendable = items.filter((i) => i.rejection.length === 0).length;
  await prisma.$transaction(async (tx) => {
    await tx.crmPush.create({ data: { id: pushId, crm, object: mapping.object, campaignId: campaign.id, trigger: o.trigger ?? 'cli', onlyChanged: o.onlyChanged === true, total: items.length, ...(sendable ? {} : { status: 'done', finishedAt: new Date() }) } });
    await tx.crmPushItem.createMany({
      data: items.map((i) => ({
        pushId, prospectId: i.prospectId, recordKey: i.recordKey, action: i.action, properties: i.properties, hash: crmHash(i.properties),
        ...(i.rejection.length ? { status: 'rejected', error: i.rejection.map((r) => `${r.field}: ${r.value} is not one of ${mapping.object}'s values (${r.allowed.join(', ')})`).join('; ') } : {}),
      })),
    });
  });
  // Queued after the commit; should this process die first, the worker's dispatch tick queues it.
  if (sendable && deps.queue) await enqueueCrmPush(deps.queue, pushId);
  return { ...plan, pushId };
}

/** Every mapped field must exist, except Prospector's own HubSpot properties, created on first push. */
function checkFields(crm: CrmKind, schema: CrmSchema, fields: string[]): string[] {
  const creates: string[] = [];
  if (!schema.idFieldReady) {
    if (crm === 'salesforce') throw new CrmInputError(`Salesforce ${schema.object} has no External ID field Prospector_Id__c: create it (Text, External ID, Unique) before pushing`);
    creates.push('prospector_id');
  }
  for (const f of fields) {
    if (schema.fields.has(f)) continue;
    if (crm === 'hubspot' && f.startsWith('prospector_')) creates.push(f);
    else throw new CrmInputError(`mapping field "${f}": ${crm === 'hubspot' ? 'HubSpot has no company property' : `Salesforce ${schema.object} has no field`} ${f}; nothing was pushed`);
  }
  return creates;
}

/**
 * Values a picklist would refuse. A value differing only in case or spacing from one of the
 * org's values is rewritten to the org's spelling rather than refused.
 */
function checkPicklists(schema: CrmSchema, properties: Record<string, CrmValue>, key: string, name: string): CrmRejection[] {
  const out: CrmRejection[] = [];
  for (const [field, value] of Object.entries(properties)) {
    const options = schema.fields.get(field)?.options;
    if (!options || value === null || value === '') continue;
    const text = String(value);
    if (options.includes(text)) continue;
    const near = options.find((opt) => opt.trim().toLowerCase() === text.trim().toLowerCase());
    if (near) properties[field] = near;
    else out.push({ key, name, field, value: text, allowed: options });
  }
  return out;
}
