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
import { importList, ImportHeaderError, type ImportSummary } from '../import/import.service.ts';
import { refuseNonTextFile } from './list-sniff.ts';
import type { UploadStore } from './upload-store.ts';

export interface ListUploadDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
  uploads: UploadStore;
  defaultCountry: string;
}

type Refusal = { status: 400 | 413 | 415; error: string; message: string };

async function dropCampaignIfEmpty(prisma: PrismaClient, name: string): Promise<void> {
  await prisma.campaign.deleteMany({
    where: { name, prospects: { none: {} }, imports: { none: {} }, scans: { none: {} }, sourceRows: { none: {} }, rejectedRows: { none: {} } },
  });
}

async function importUpload(deps: ListUploadDeps, campaign: string, path: string): Promise<ImportSummary | Refusal> {
  const notText = await refuseNonTextFile(path);
  if (notText) return { status: 415, error: 'not-a-list', message: notText };
  const existed = (await deps.prisma.campaign.count({ where: { name: campaign } })) > 0;
  try {
    return await importList({ pool: deps.pool, campaign, file: path, defaultCountry: deps.defaultCountry });
  } catch (error) {
    if (!existed) await dropCampaignIfEmpty(deps.prisma, campaign);
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
