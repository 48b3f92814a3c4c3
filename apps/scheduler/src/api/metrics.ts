// Prometheus metrics: process defaults, queue depths per state (BullMQ's own exporter),
// and job rates / durations / errors by kind read from Postgres outcomes.
import { Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import type { Redis } from 'ioredis';
import { registerRedisMemoryMetrics, type PrismaClient, type QueueSet } from '@prospector/core';

export function createMetrics(prisma: PrismaClient, queues: QueueSet, redis?: Redis) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'prospector_' });
  // Redis used memory against maxmemory, its policy and evicted keys: an evicting Redis loses jobs.
  if (redis) registerRedisMemoryMetrics(registry, redis);
  const outcomes = new Gauge({
    name: 'prospector_stage_outcomes',
    help: 'Stage outcomes recorded in the last hour, by stage, status and error kind',
    labelNames: ['stage', 'status', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const since = new Date(Date.now() - 3600_000);
      const rows = await prisma.stageRun.groupBy({ by: ['stage', 'status', 'errorKind'], where: { finishedAt: { gte: since } }, _count: { _all: true } });
      for (const r of rows) this.set({ stage: r.stage, status: r.status, kind: r.errorKind ?? '' }, r._count._all);
    },
  });
  void outcomes;
  return {
    async text(): Promise<string> {
      const queueText = await Promise.all(Object.values(queues.queues).map((q) => q.exportPrometheusMetrics()));
      const durations = await Promise.all(
        Object.entries(queues.queues).map(async ([name, q]) => {
          const m = await q.getMetrics('completed', 0, 15);
          const f = await q.getMetrics('failed', 0, 15);
          return [
            `prospector_jobs_completed_per_minute{queue="${name}"} ${m.data.slice(0, 5).reduce((a, b) => a + b, 0) / 5}`,
            `prospector_jobs_failed_per_minute{queue="${name}"} ${f.data.slice(0, 5).reduce((a, b) => a + b, 0) / 5}`,
          ].join('\n');
        }),
      );
      return [await registry.metrics(), ...queueText, '# TYPE prospector_jobs_completed_per_minute gauge', '# TYPE prospector_jobs_failed_per_minute gauge', ...durations, ''].join('\n');
    },
    contentType: registry.contentType,
  };
}
