// Headless Chromium from Debian's package, driven by playwright-core: never a browser
// download. A missing browser fails the test loudly rather than skipping it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL_SCRIPT = resolve(import.meta.dirname, '../../scripts/install-chromium.sh');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Installs Chromium with scripts/install-chromium.sh when it is missing and we are root; throws a clear error otherwise. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const canInstall = process.getuid?.() === 0 && !process.env.CHROMIUM_PATH;
  if (canInstall) {
    const run = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8', timeout: 600_000 });
    if (run.status === 0 && existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH} and ${INSTALL_SCRIPT} failed (exit ${run.status}): ${(run.stderr || run.stdout).slice(-500)}`);
  }
  throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with \`sudo scripts/install-chromium.sh\` (apt-get install chromium) or set CHROMIUM_PATH`);
}

/**
 * A fresh profile in a temporary directory (playwright passes it as --user-data-dir;
 * it refuses that flag in `args`), downloads accepted.
 */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const executablePath = ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), 'prospector-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
