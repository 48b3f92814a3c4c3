// Runs one planned push: its pending items, in batches the CRM accepts, each batch's answers
// written to the push log and the record state in one transaction. A job killed after the
// CRM's answer but before that write leaves the items pending; the retry sends them again
// under the same upsert key (the prospect's stable id), which the CRM applies as an update of
// the same record: nothing is created twice. Transient per-record failures stay pending and
// fail the attempt, so the job's retry sends only them.
import { createHash } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import { crmPushJobSchema, type Logger, type PrismaClient, type SecretBox } from '@prospector/core';
import { createCrmClient } from './crm-clients.ts';
import type { CrmHttp } from './crm-http.ts';
import { CrmConfigError, CrmRetryError, type CrmUpsertResult, type CrmValue } from './crm.types.ts';

export interface CrmPushSendOptions {
  prisma: PrismaClient;
  http: CrmHttp;
  logger: Logger;
  /** Opens the connection's sealed credentials. */
  secrets: SecretBox;
}

export type CrmPushSendResult = { outcome: 'done'; sent: number; rejected: number } | { outcome: 'skipped'; reason: string };

/** sha256 of a property set, key order ignored: what the push log compares. */
export function crmHash(properties: Record<string, CrmValue>): string {
  const sorted = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export function createCrmPushSender(options: CrmPushSendOptions) {
  const { prisma } = options;
  return async function sendCrmPush(job: Job, signal?: AbortSignal): Promise<CrmPushSendResult> {
    const { pushId } = crmPushJobSchema.parse(job.data);
    const push = await prisma.crmPush.findUnique({ where: { id: pushId } });
    if (!push) throw new UnrecoverableError(`CRM push ${pushId} does not exist`);
    if (push.status !== 'queued') return { outcome: 'skipped', reason: `push is ${push.status}` };
    try {
      return await run(push.id, push.crm, push.object, signal);
    } catch (error) {
      const final = error instanceof CrmConfigError || error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        await prisma.crmPush.update({ where: { id: pushId }, data: { status: 'failed', error: (error as Error).message, finishedAt: new Date() } });
        if (error instanceof CrmConfigError) throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };

  async function run(pushId: string, crm: string, object: string, signal?: AbortSignal): Promise<CrmPushSendResult> {
    const connection = await prisma.crmConnection.findUnique({ where: { crm } });
    if (!connection) throw new CrmConfigError(`no ${crm} connection: run prospector crm connect ${crm}`);
    const client = createCrmClient(connection, object, { http: options.http, secrets: options.secrets, prisma });
    const pending = await prisma.crmPushItem.findMany({ where: { pushId, status: 'pending' }, orderBy: { id: 'asc' } });
    if (pending.length) {
      const fields = new Set(pending.flatMap((i) => Object.keys(i.properties as Record<string, CrmValue>)));
      await client.prepare([...fields], signal);
    }
    let retryLater = 0;
    for (let i = 0; i < pending.length; i += client.batchSize) {
      const batch = pending.slice(i, i + client.batchSize);
      const results = await client.upsert(batch.map((item) => ({ key: item.recordKey, properties: item.properties as Record<string, CrmValue> })), signal);
      await recordResults(crm, pushId, batch, results);
      retryLater += results.filter((r) => r.outcome === 'retry').length;
    }
    if (retryLater) throw new CrmRetryError(`${retryLater} record(s) failed transiently; they are sent again on the next attempt`, null);
    const [sent, rejected] = await Promise.all([
      prisma.crmPushItem.count({ where: { pushId, status: 'sent' } }),
      prisma.crmPushItem.count({ where: { pushId, status: 'rejected' } }),
    ]);
    await prisma.crmPush.update({ where: { id: pushId }, data: { status: 'done', finishedAt: new Date(), error: null } });
    options.logger.info({ pushId, crm, sent, rejected }, 'CRM push done');
    return { outcome: 'done', sent, rejected };
  }

  type Item = { id: number; prospectId: number; recordKey: string; properties: unknown };

  async function recordResults(crm: string, pushId: string, batch: Item[], results: CrmUpsertResult[]): Promise<void> {
    const byKey = new Map(results.map((r) => [r.key, r]));
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      for (const item of batch) {
        const r = byKey.get(item.recordKey);
        if (!r) continue;
        if (r.outcome === 'retry') {
          await tx.crmPushItem.update({ where: { id: item.id }, data: { attempts: { increment: 1 }, error: r.error } });
          continue;
        }
        if (r.outcome === 'rejected') {
          await tx.crmPushItem.update({ where: { id: item.id }, data: { attempts: { increment: 1 }, status: 'rejected', error: r.error } });
          continue;
        }
        await tx.crmPushItem.update({ where: { id: item.id }, data: { attempts: { increment: 1 }, status: 'sent', crmId: r.crmId, created: r.created, error: null, sentAt: now } });
        const state = await tx.crmRecordState.findUnique({ where: { crm_recordKey: { crm, recordKey: item.recordKey } } });
        const sent = { ...((state?.sent ?? {}) as Record<string, CrmValue>), ...(item.properties as Record<string, CrmValue>) };
        const data = { prospectId: item.prospectId, crmId: r.crmId, sent, hash: crmHash(sent), pushedAt: now, lastPushId: pushId };
        await tx.crmRecordState.upsert({ where: { crm_recordKey: { crm, recordKey: item.recordKey } }, create: { crm, recordKey: item.recordKey, ...data }, update: data });
      }
    });
  }
}
