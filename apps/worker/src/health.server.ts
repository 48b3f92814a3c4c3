// /health for orchestrators (200 only when Redis, Postgres and every worker are up) and
// /metrics in Prometheus text format for the queues this process serves and for the process
// itself (heap, RSS, CPU, event-loop lag, GC): what tells a leak or a CPU-bound worker apart.
import { createServer, type Server } from 'node:http';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerRedisMemoryMetrics } from '@prospector/core';

export interface HealthProbe {
  check(): Promise<{ ok: boolean; details: Record<string, string> }>;
  metrics(): Promise<string>;
}

export function startHealthServer(port: number, probe: HealthProbe, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/health') {
      probe
        .check()
        .then((h) => {
          res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: h.ok ? 'ok' : 'unhealthy', ...h.details }));
        })
        .catch((e: Error) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'unhealthy', error: e.message }));
        });
      return;
    }
    if (path === '/metrics') {
      probe
        .metrics()
        .then((text) => {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(503);
          res.end();
        });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function createWorkerMetrics(queues: Queue[], redis?: Redis): () => Promise<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'prospector_worker_' });
  // Used memory against maxmemory, the policy and evicted keys: an evicting Redis loses jobs.
  if (redis) registerRedisMemoryMetrics(registry, redis);
  return async () => {
    const parts = await Promise.all(queues.map((q) => q.exportPrometheusMetrics()));
    return [await registry.metrics(), ...parts].join('\n');
  };
}
