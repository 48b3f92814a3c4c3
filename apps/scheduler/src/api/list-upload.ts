// POST /api/campaigns/:campaign/lists: the upload is streamed to a file of the upload
// store (never held in memory: lists run to millions of rows), refused from its first
// bytes if it is not text, then imported. A list the importer cannot read (no header it
// recognises) is a 400 with its reason, and a campaign this upload created is removed
// again while it is still empty: a refused file leaves nothing behind.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { PrismaClient } from '@prospector/core';
import { IMPORT_LOCK_NAMESPACE, importList, ImportHeaderError, type ImportSummary } from '../import/import.service.ts';
import { refuseNonTextFile } from './list-sniff.ts';
import type { UploadStore } from './upload-store.ts';

export interface ListUploadDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
  uploads: UploadStore;
  defaultCountry: string;
}

type Refusal = { status: 400 | 413 | 415; error: string; message: string };

/**
 * Removes the campaign if nothing was ever stored in it. Under the importer's own
 * per-campaign lock, so a concurrent import of the same new campaign either finishes
 * first (and the campaign is kept) or has not started.
 */
async function dropCampaignIfEmpty(pool: pg.Pool, name: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const found = await client.query<{ id: number }>('SELECT id FROM "Campaign" WHERE name = $1', [name]);
    const id = found.rows[0]?.id;
    if (id !== undefined) {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK_NAMESPACE, id]);
      await client.query(
        `DELETE FROM "Campaign" c WHERE c.id = $1
           AND NOT EXISTS (SELECT 1 FROM "Prospect" WHERE "campaignId" = c.id)
           AND NOT EXISTS (SELECT 1 FROM "ImportRun" WHERE "campaignId" = c.id)
           AND NOT EXISTS (SELECT 1 FROM "Scan" WHERE "campaignId" = c.id)
           AND NOT EXISTS (SELECT 1 FROM "SourceRow" WHERE "campaignId" = c.id)
           AND NOT EXISTS (SELECT 1 FROM "RejectedRow" WHERE "campaignId" = c.id)`,
        [id],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function importUpload(deps: ListUploadDeps, campaign: string, path: string): Promise<ImportSummary | Refusal> {
  const notText = await refuseNonTextFile(path);
  if (notText) return { status: 415, error: 'not-a-list', message: notText };
  const existed = (await deps.prisma.campaign.count({ where: { name: campaign } })) > 0;
  try {
    return await importList({ pool: deps.pool, campaign, file: path, defaultCountry: deps.defaultCountry });
  } catch (error) {
    if (!existed) await dropCampaignIfEmpty(deps.pool, campaign);
    if (error instanceof ImportHeaderError) return { status: 400, error: 'not-a-list', message: error.message };
    throw error;
  }
}

/** Writes the upload to the store, imports it, and removes it before anything is answered. */
async function receiveAndImport(deps: ListUploadDeps, campaign: string, stream: NodeJS.ReadableStream & { truncated?: boolean }): Promise<ImportSummary | Refusal> {
  const upload = await deps.uploads.create('list.csv');
  try {
    await pipeline(stream, createWriteStream(upload.path));
    if (stream.truncated) return { status: 413, error: 'too-large', message: 'the upload exceeds the size limit' };
    return await importUpload(deps, campaign, upload.path);
  } finally {
    await upload.dispose();
  }
}

export async function handleListUpload(deps: ListUploadDeps, request: FastifyRequest<{ Params: { campaign: string } }>, reply: FastifyReply) {
  const file = await request.file();
  if (!file) return reply.code(400).send({ error: 'bad-request', message: 'a multipart field "file" with the CSV is required' });
  const outcome = await receiveAndImport(deps, request.params.campaign, file.file);
  if ('status' in outcome) return reply.code(outcome.status).send({ error: outcome.error, message: outcome.message });
  return outcome;
}
