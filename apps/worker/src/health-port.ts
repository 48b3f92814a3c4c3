// Two workers on one host both want the default health port. The second must not die of
// EADDRINUSE: it serves /health and /metrics on a free port instead, says which one and
// which variable chooses it, and goes on consuming its queues.
import type { Server } from 'node:http';
import type { Logger } from '@prospector/core';
import { startHealthServer, type HealthProbe } from './health.server.ts';

export async function startHealthServerOrFallback(port: number, probe: HealthProbe, logger: Logger): Promise<Server> {
  try {
    return await startHealthServer(port, probe);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    const server = await startHealthServer(0, probe);
    logger.warn(
      { wantedPort: port, healthPort: healthPortOf(server) },
      'health port in use (another worker on this host?): /health and /metrics are on healthPort instead; set HEALTH_PORT or --health-port to choose one',
    );
    return server;
  }
}

export function healthPortOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
