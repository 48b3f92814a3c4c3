// The queues and the flow producer, with each queue's job options taken from the job
// catalog. Queue names are persisted in Redis keys: never rename one.
import { FlowProducer, Queue, type ConnectionOptions, type DefaultJobOptions, type FlowJob, type FlowOpts, type JobNode } from 'bullmq';
import { retryPolicyOf, type ProspectJobData, type RetryOverrides } from './job-catalog.ts';
import { QUEUE_NAMES, type QueueName } from './names.ts';

export { QUEUE_NAMES, WORKER_QUEUE_NAMES, type QueueName, type WorkerQueueName } from './names.ts';

/** Deterministic ids: a re-run of any step adds nothing new. BullMQ refuses ':' in ids. */
export function jobIdFor(queue: QueueName, data: ProspectJobData & { domain?: string }): string {
  const base = `${queue}-${data.scanId}-${data.prospectId}`;
  return data.domain ? `${base}-${data.domain.replace(/[^a-z0-9.-]/gi, '_')}` : base;
}

/** A queue's job options: its catalog retry policy, and how long Redis keeps finished jobs. */
export function jobOptionsFor(queue: QueueName, overrides: RetryOverrides = {}): DefaultJobOptions {
  const { attempts, backoffMs } = retryPolicyOf(queue, overrides);
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs, jitter: 0.5 },
    // Results live in Postgres; Redis only keeps enough to look at recent jobs.
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

export interface QueueSetOptions {
  connection: ConnectionOptions;
  prefix: string;
  /** Applied to every queue over its catalog policy (JOB_ATTEMPTS, JOB_BACKOFF_MS); unset keeps the catalog's. */
  attempts?: number;
  backoffMs?: number;
  /**
   * Connection errors of the queues and the flow producer (Redis down, a reconnect). BullMQ
   * emits them as events; left unhandled they crash the process, swallowed they hide an
   * outage, so the owner of the set decides how to report them.
   */
  onError(source: string, error: Error): void;
}

export interface QueueSet {
  queues: Record<QueueName, Queue>;
  flows: FlowProducer;
  prefix: string;
  close(): Promise<void>;
}

export function createQueueSet(options: QueueSetOptions): QueueSet {
  const overrides: RetryOverrides = { attempts: options.attempts, backoffMs: options.backoffMs };
  const jobOptions = Object.fromEntries(QUEUE_NAMES.map((q) => [q, jobOptionsFor(q, overrides)])) as Record<QueueName, DefaultJobOptions>;
  const make = (name: QueueName) =>
    new Queue(name, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: jobOptions[name],
      streams: { events: { maxLen: 2000 } },
    });
  const queues = { search: make('search'), dns: make('dns'), verify: make('verify'), classify: make('classify') };
  const flows = new DefaultedFlowProducer({ connection: options.connection, prefix: options.prefix }, jobOptions);
  for (const [name, q] of Object.entries(queues)) q.on('error', (error) => options.onError(name, error));
  flows.on('error', (error) => options.onError('flows', error));
  return {
    queues,
    flows,
    prefix: options.prefix,
    async close() {
      await Promise.all([...Object.values(queues).map((q) => q.close()), flows.close()]);
    },
  };
}

// A FlowProducer ignores the queues' defaultJobOptions (addBulk takes no queuesOptions at
// all): without this, every job of a flow ran once, with no retry, and was kept forever.
class DefaultedFlowProducer extends FlowProducer {
  constructor(
    opts: { connection: ConnectionOptions; prefix: string },
    private readonly jobDefaults: Record<QueueName, DefaultJobOptions>,
  ) {
    super(opts);
  }

  override add(flow: FlowJob, opts?: FlowOpts): Promise<JobNode> {
    return super.add(withJobDefaults(flow, this.jobDefaults), opts);
  }

  override addBulk(flows: FlowJob[]): Promise<JobNode[]> {
    return super.addBulk(flows.map((f) => withJobDefaults(f, this.jobDefaults)));
  }
}

function withJobDefaults<T extends Omit<FlowJob, 'queueName'> & { queueName: string }>(node: T, defaults: Record<QueueName, DefaultJobOptions>): T {
  const own = defaults[node.queueName as QueueName];
  if (!own) throw new Error(`flow names queue "${node.queueName}", which the job catalog does not declare`);
  const children = node.children?.map((c) => withJobDefaults(c, defaults));
  return { ...node, opts: { ...own, ...node.opts }, ...(children ? { children } : {}) };
}

/** The key BullMQ uses for a queue, as flow `parent.queue` expects it. */
export function qualifiedQueueName(prefix: string, queue: QueueName): string {
  return `${prefix}:${queue}`;
}
