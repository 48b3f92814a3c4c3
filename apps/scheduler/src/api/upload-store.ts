// Where uploaded lists wait while they are imported: one directory per upload under a
// root of our own, removed in a finally. A process killed mid-upload cannot run its
// finally, so start-up sweeps what dead processes left: entries of this host whose
// process is gone, and any entry older than a day (no upload or import lives that long).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_UPLOAD_DIR = join(tmpdir(), 'prospector-uploads');
const ORPHAN_AGE_MS = 24 * 3_600_000;
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '_');

export interface Upload {
  /** The file to write the upload to. */
  path: string;
  dispose(): Promise<void>;
}

export interface UploadStore {
  root: string;
  create(fileName: string): Promise<Upload>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Entry names are `<host>~<pid>~<random>`; anything else under the root is not ours to judge. */
async function isOrphan(root: string, name: string, now: number): Promise<boolean> {
  const [host, pid, random] = name.split('~');
  if (!host || !pid || !random || !/^\d+$/.test(pid)) return false;
  if (host === HOST && Number(pid) !== process.pid && !isAlive(Number(pid))) return true;
  const info = await stat(join(root, name)).catch(() => null);
  return info !== null && now - info.mtimeMs > ORPHAN_AGE_MS;
}

/** Removes what dead uploaders left; returns the names removed. */
export async function sweepOrphanUploads(root: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (await isOrphan(root, name, now)) {
      await rm(join(root, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

export async function openUploadStore(root = DEFAULT_UPLOAD_DIR): Promise<UploadStore> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  await sweepOrphanUploads(root);
  return {
    root,
    async create(fileName) {
      const dir = join(root, `${HOST}~${process.pid}~${randomBytes(6).toString('hex')}`);
      await mkdir(dir, { mode: 0o700 });
      return { path: join(dir, fileName), dispose: () => rm(dir, { recursive: true, force: true }) };
    },
  };
}
