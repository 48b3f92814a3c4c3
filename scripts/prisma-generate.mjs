// `prisma generate` never runs the schema engine, but the CLI insists on having one and
// tries to download it from a host many build machines cannot reach. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies it; where the variable is
// already set (or the engine was downloaded) this changes nothing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
