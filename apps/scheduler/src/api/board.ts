import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { QueueSet } from '@prospector/core';

export const BOARD_PATH = '/admin/queues';

/** Bull Board for the four queues; the auth hook restricts /admin/* to the ops role. */
export async function registerBullBoard(app: FastifyInstance, queues: QueueSet): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: Object.values(queues.queues).map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Prospector queues' } },
  });
  serverAdapter.setBasePath(BOARD_PATH);
  await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
}
