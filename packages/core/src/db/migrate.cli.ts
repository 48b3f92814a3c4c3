import 'dotenv/config';
import { ensureDatabase, migrateDatabase } from './migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (see .env.example)');
  process.exit(2);
}
await ensureDatabase(url);
const result = await migrateDatabase(url);
console.log(`migrations applied: ${result.applied.length} (${result.applied.join(', ') || 'none'}); already applied: ${result.alreadyApplied.length}`);
