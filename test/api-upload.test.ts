// List uploads against real Postgres: what is not a CSV list is refused with its reason
// and leaves no campaign behind; no upload leaves a file behind, whether the client
// aborts or the serve process is killed mid-upload.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildApiServer } from '@prospector/scheduler';
import { createApiToken } from '@prospector/scheduler';
import { createHarness, REDIS_URL, type Harness } from './helpers/pipeline-harness.ts';

let h: Harness;
let app: FastifyInstance;
let redis: Redis;
let pool: pg.Pool;
let ops: string;
let uploadDir: string;

beforeAll(async () => {
  h = await createHarness('api-upload');
  redis = new Redis(REDIS_URL);
  pool = new pg.Pool({ connectionString: h.db.url, max: 2 });
  uploadDir = await mkdtemp(join(tmpdir(), 'prospector-upload-test-'));
  app = await buildApiServer({ prisma: h.prisma, pool, queues: h.queues, redis, defaultCountry: 'US', logLevel: 'silent', uploadDir });
  await app.listen({ host: '127.0.0.1', port: 0 });
  ops = await createApiToken(h.prisma, 'ops', 'upload-ops');
});
afterAll(async () => {
  await app?.close();
  await redis?.quit();
  await pool?.end();
  await h?.close();
  if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
});

const CSV = 'Company Name,City,State,ZIP Code,Phone\r\nAcme Tools LLC,Columbus,OH,43004,(614) 555-0100\r\n';

function upload(campaign: string, bytes: Buffer | string, fileName = 'list.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'text/csv' }), fileName);
  return app.inject({ method: 'POST', url: `/api/campaigns/${campaign}/lists`, headers: { authorization: `Bearer ${ops}` }, payload: form });
}

async function waitFor(condition: () => Promise<boolean>, what: string, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const zipBomb = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), deflateRawSync(Buffer.alloc(64 * 1024 * 1024))]);

describe('an upload that is not a CSV list', () => {
  it.each([
    ['a zip bomb', zipBomb, 415, /a ZIP archive/],
    ['a gzip bomb', gzipSync(Buffer.alloc(64 * 1024 * 1024)), 415, /a gzip archive/],
    ['random binary', randomBytes(200_000), 415, /binary/],
    ['a PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(1000)]), 415, /a PNG image/],
    ['an .xls workbook', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)]), 415, /\.xls/],
    ['an empty file', Buffer.alloc(0), 415, /empty/],
    ['JSON', '{"companies":[{"name":"Acme"}]}\n', 400, /.+/],
  ] as const)('is refused when it is %s, with the reason, and no campaign is created', async (what, bytes, status, reason) => {
    const campaign = `refused-${what.replace(/\W+/g, '-')}`;
    const res = await upload(campaign, bytes);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: 'not-a-list', message: expect.stringMatching(reason) });
    expect(await h.prisma.campaign.count({ where: { name: campaign } })).toBe(0);
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it('keeps a campaign that existed before the refused upload', async () => {
    expect((await upload('kept', CSV)).statusCode).toBe(200);
    expect((await upload('kept', '{"not":"csv"}\n')).statusCode).toBe(400);
    expect(await h.prisma.prospect.count({ where: { campaign: { name: 'kept' } } })).toBe(1);
  });

  it('lets UTF-16 text through to the importer', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    const res = await upload('utf16', utf16);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ prospectsCreated: 1, encoding: 'utf-16le' });
  });
});

describe('no upload leaves a file behind', () => {
  /** Sends the headers and part of a multipart body, then stops (as a client or a network would). */
  async function startUpload(port: number, token: string): Promise<net.Socket> {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(
      [
        'POST /api/campaigns/aborted/lists HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${token}`,
        'Content-Type: multipart/form-data; boundary=b', 'Content-Length: 10000000', '', '',
        '--b', 'Content-Disposition: form-data; name="file"; filename="list.csv"', 'Content-Type: text/csv', '', CSV,
      ].join('\r\n'),
    );
    return socket;
  }

  it('removes the file of an upload the client aborts', async () => {
    const socket = await startUpload((app.server.address() as AddressInfo).port, ops);
    await waitFor(async () => (await readdir(uploadDir)).length === 1, 'the upload file is created');
    socket.destroy();
    await waitFor(async () => (await readdir(uploadDir)).length === 0, 'the aborted upload is removed');
    expect(await h.prisma.campaign.count({ where: { name: 'aborted' } })).toBe(0);
  });

  it('sweeps at start-up what a serve killed mid-upload left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prospector-upload-killed-'));
    const env = { ...process.env, DATABASE_URL: h.db.url, REDIS_URL, QUEUE_PREFIX: h.prefix, API_UPLOAD_DIR: dir, LOG_LEVEL: 'info' };
    const serve = (): Promise<{ child: ChildProcess; port: number }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['apps/scheduler/bin/prospector.mjs', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
          if (port) resolve({ child, port: Number(port) });
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${out.slice(-500)}`)));
      });
    try {
      const first = await serve();
      const socket = await startUpload(first.port, ops);
      await waitFor(async () => (await readdir(dir)).length === 1, 'the upload file is created', 30_000);
      const exited = new Promise((r) => first.child.once('exit', r));
      first.child.kill('SIGKILL');
      await exited;
      socket.destroy();
      expect(await readdir(dir)).toHaveLength(1);

      const second = await serve();
      expect(await readdir(dir)).toEqual([]);
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
