import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { QueueSet } from '@prospector/core';

export const BOARD_PATH = '/admin/queues';

/**
 * Bull Board for the four queues. Its plugin registers its own routes (UI, static files,
 * the JSON API that pauses, adds and obliterates), so an onRoute hook in this
 * encapsulated context marks every one of them ops-only before it reaches the router.
 */
export async function registerBullBoard(app: FastifyInstance, queues: QueueSet): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: Object.values(queues.queues).map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Prospector queues' } },
  });
  serverAdapter.setBasePath(BOARD_PATH);
  await app.register(async (board) => {
    board.addHook('onRoute', (route) => {
      route.config = { ...route.config, role: 'ops' };
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
