// The whole chaining of stages, in one place.
//
//   scheduler:  classify(prospect)  ← search(prospect)                 one flow per prospect
//   search:     adds, under the same classify parent, per candidate domain:
//               verify(domain) ← dns(domain)
//
// Children run before their parent, so each domain goes dns → verify, and classify runs
// once everything under it has finished or failed (failures are ignored dependencies:
// partial evidence still classifies). Job ids are deterministic, so re-running any
// step adds nothing twice.
import type { FlowJob, FlowProducer } from 'bullmq';
import { jobIdFor, qualifiedQueueName, type ProspectJobData } from './queues.ts';

const CHILD_OPTS = { ignoreDependencyOnFailure: true } as const;

export function prospectFlow(data: ProspectJobData): FlowJob {
  return {
    name: 'classify',
    queueName: 'classify',
    data,
    opts: { jobId: jobIdFor('classify', data) },
    children: [{ name: 'search', queueName: 'search', data, opts: { jobId: jobIdFor('search', data), ...CHILD_OPTS } }],
  };
}

export function domainFlows(prefix: string, data: ProspectJobData, domains: string[]): FlowJob[] {
  const parent = { id: jobIdFor('classify', data), queue: qualifiedQueueName(prefix, 'classify') };
  return domains.map((domain) => {
    const d = { ...data, domain };
    return {
      name: 'verify',
      queueName: 'verify',
      data: d,
      opts: { jobId: jobIdFor('verify', d), parent, ...CHILD_OPTS },
      children: [{ name: 'dns', queueName: 'dns', data: d, opts: { jobId: jobIdFor('dns', d), ...CHILD_OPTS } }],
    };
  });
}

export async function enqueueDomainStages(flows: FlowProducer, prefix: string, data: ProspectJobData, domains: string[]): Promise<void> {
  if (domains.length === 0) return;
  await flows.addBulk(domainFlows(prefix, data, domains));
}
