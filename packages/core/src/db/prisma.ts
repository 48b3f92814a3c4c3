import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.ts';

export type { PrismaClient, Prospect, Finding, Correction, ScoringModel, CatalogOverride } from '../../generated/prisma/client.ts';
export { Prisma } from '../../generated/prisma/client.ts';

export interface PrismaOptions {
  databaseUrl: string;
  /** Pool size per process: size it to the database-touching work, not to job concurrency. */
  poolMax?: number;
}

export function createPrisma(options: PrismaOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolMax ?? 10,
    // Jobs queue for a connection under load; waiting beats failing the job.
    connectionTimeoutMillis: 20_000,
    idleTimeoutMillis: 10_000,
  });
  return new PrismaClient({ adapter });
}
