// A `--wait` that waits on a queue nobody consumes would wait in silence until its stall
// timeout. This watch asks BullMQ which queues with jobs have no worker connected
// (Queue.getWorkersCount: the workers' named Redis connections) and says so once per
// change, naming the command that fixes it.
import type { QueueName, QueueSet } from '@prospector/core';

export interface QueueLoad {
  stage: QueueName;
  waiting: number;
  active: number;
}

export interface ConsumerWatch {
  /**
   * Checks the queues that hold jobs; notifies when one loses or regains its last worker.
   * At most one check per interval, unless `final` (the wait is ending: a queue said to have
   * no worker must not be left so when one took it and drained it between two checks).
   */
  check(load: QueueLoad[], final?: boolean): Promise<void>;
}

export function createConsumerWatch(queues: QueueSet, notify: (line: string) => void, minIntervalMs = 3000): ConsumerWatch {
  const unconsumed = new Set<QueueName>();
  let lastCheck = 0;
  return {
    async check(load, final = false) {
      if (!final && Date.now() - lastCheck < minIntervalMs) return;
      lastCheck = Date.now();
      for (const { stage, waiting, active } of load) {
        const jobs = waiting + active;
        const workers = jobs > 0 ? await queues.queues[stage].getWorkersCount() : 1;
        if (workers === 0 && !unconsumed.has(stage)) {
          unconsumed.add(stage);
          notify(`no worker is consuming the ${stage} queue (${jobs} jobs waiting): start one with prospector worker (or --queues ${stage})`);
        } else if (workers > 0 && unconsumed.delete(stage)) {
          notify(`a worker is consuming the ${stage} queue again`);
        }
      }
    },
  };
}
