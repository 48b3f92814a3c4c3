// Queue names, job payloads and job options in one place. Queue names are persisted in
// Redis keys: never rename one.
import { FlowProducer, Queue, type ConnectionOptions, type DefaultJobOptions, type FlowJob, type FlowOpts, type JobNode } from 'bullmq';
import { z } from 'zod';

export const QUEUE_NAMES = ['search', 'dns', 'verify', 'classify'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const prospectJobSchema = z.object({ scanId: z.number().int().positive(), prospectId: z.number().int().positive() });
export const domainJobSchema = prospectJobSchema.extend({ domain: z.string().min(1).max(253) });
export type ProspectJobData = z.infer<typeof prospectJobSchema>;
export type DomainJobData = z.infer<typeof domainJobSchema>;

export interface JobDataByQueue {
  search: ProspectJobData;
  dns: DomainJobData;
  verify: DomainJobData;
  classify: ProspectJobData;
}

export const jobDataSchemas = {
  search: prospectJobSchema,
  dns: domainJobSchema,
  verify: domainJobSchema,
  classify: prospectJobSchema,
} as const;

/** Deterministic ids: a re-run of any step adds nothing new. BullMQ refuses ':' in ids. */
export function jobIdFor(queue: QueueName, data: ProspectJobData & { domain?: string }): string {
  const base = `${queue}-${data.scanId}-${data.prospectId}`;
  return data.domain ? `${base}-${data.domain.replace(/[^a-z0-9.-]/gi, '_')}` : base;
}

export function defaultJobOptions(attempts: number, backoffMs: number): DefaultJobOptions {
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
  attempts: number;
  backoffMs: number;
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
  const jobOptions = defaultJobOptions(options.attempts, options.backoffMs);
  const make = (name: QueueName) =>
    new Queue(name, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: jobOptions,
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
    private readonly jobDefaults: DefaultJobOptions,
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

function withJobDefaults<T extends Omit<FlowJob, 'queueName'> & { queueName: string }>(node: T, defaults: DefaultJobOptions): T {
  const children = node.children?.map((c) => withJobDefaults(c, defaults));
  return { ...node, opts: { ...defaults, ...node.opts }, ...(children ? { children } : {}) };
}

/** The key BullMQ uses for a queue, as flow `parent.queue` expects it. */
export function qualifiedQueueName(prefix: string, queue: QueueName): string {
  return `${prefix}:${queue}`;
}
