export * from './config.ts';
export * from './logger.ts';
export * from './queues/queues.ts';
export * from './queues/redis.ts';
export * from './db/prisma.ts';
export * from './db/migrate.ts';
export * from './db/scan-completion.ts';
export * from './queues/pipeline.ts';
