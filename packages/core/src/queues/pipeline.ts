// The whole pipeline, in one place: what starts a prospect, and what follows every
// finished job. Processors only run their agent and save its evidence; the stage runner
// asks this file what comes next and does it.
//
//   scan start     classify(prospect) ← search(prospect)                 one flow per prospect
//   search done    per selected candidate domain, under the same classify parent:
//                    verify(domain) ← dns(domain)
//   dns done       nothing: verify, its parent, runs next
//   verify done    the site landed on another domain that has no DNS evidence yet:
//                    dns(landing domain), under the same classify parent
//   classify done  the scan may be complete: check
//   final failure  classify: the scan may be complete (its outcome is recorded); any other
//                  stage: nothing, it is an ignored dependency and classify runs on the
//                  partial evidence, the failure recorded with its kind
//
// Children run before their parent, so each domain goes dns → verify, and classify runs
// once everything under it has finished or failed. Job ids are deterministic, so running
// any step twice adds nothing twice. Retry policies live in job-catalog.ts.
import type { FlowJob } from 'bullmq';
import type { DomainJobData, JobDataByQueue, JobResultByQueue, ProspectJobData } from './job-catalog.ts';
import type { QueueName } from './names.ts';
import { jobIdFor, qualifiedQueueName } from './queues.ts';

/** What the stage runner does once a job has finished. */
export interface NextSteps {
  /** Jobs to add (flows, or single jobs under an existing parent). */
  jobs: FlowJob[];
  /** The job may have been the scan's last outcome. */
  checkScanCompletion: boolean;
}

const NOTHING: NextSteps = { jobs: [], checkScanCompletion: false };
// A failed child must not hold classify back: partial evidence still classifies.
const CHILD_OPTS = { ignoreDependencyOnFailure: true } as const;

/** The flow the scheduler adds per prospect when a scan starts. */
export function prospectFlow(data: ProspectJobData): FlowJob {
  return {
    name: 'classify',
    queueName: 'classify',
    data,
    opts: { jobId: jobIdFor('classify', data) },
    children: [{ name: 'search', queueName: 'search', data, opts: { jobId: jobIdFor('search', data), ...CHILD_OPTS } }],
  };
}

type AfterDone = { [Q in QueueName]: (data: JobDataByQueue[Q], result: JobResultByQueue[Q], prefix: string) => NextSteps };

const AFTER_DONE: AfterDone = {
  search: (data, result, prefix) => ({ jobs: domainFlows(prefix, data, result.candidates), checkScanCompletion: false }),
  dns: () => NOTHING,
  verify: (data, result, prefix) =>
    result.landingDomainWithoutDns ? { jobs: [landingDnsJob(prefix, data, result.landingDomainWithoutDns)], checkScanCompletion: false } : NOTHING,
  classify: () => ({ jobs: [], checkScanCompletion: true }),
};

export function nextStepsAfterDone<Q extends QueueName>(queue: Q, data: JobDataByQueue[Q], result: JobResultByQueue[Q], prefix: string): NextSteps {
  return (AFTER_DONE[queue] as (d: JobDataByQueue[Q], r: JobResultByQueue[Q], p: string) => NextSteps)(data, result, prefix);
}

export function nextStepsAfterFinalFailure(queue: QueueName): NextSteps {
  return queue === 'classify' ? { jobs: [], checkScanCompletion: true } : NOTHING;
}

/** The prospect's classify job (its id has no domain, whatever job asks). */
function classifyParent(prefix: string, data: ProspectJobData) {
  return { id: jobIdFor('classify', { scanId: data.scanId, prospectId: data.prospectId }), queue: qualifiedQueueName(prefix, 'classify') };
}

export function domainFlows(prefix: string, data: ProspectJobData, domains: string[]): FlowJob[] {
  const parent = classifyParent(prefix, data);
  return domains.map((domain) => {
    const d: DomainJobData = { scanId: data.scanId, prospectId: data.prospectId, domain };
    return {
      name: 'verify',
      queueName: 'verify',
      data: d,
      opts: { jobId: jobIdFor('verify', d), parent, ...CHILD_OPTS },
      children: [{ name: 'dns', queueName: 'dns', data: d, opts: { jobId: jobIdFor('dns', d), ...CHILD_OPTS } }],
    };
  });
}

// Its own id suffix: a candidate's dns job of the same domain belongs to that candidate's
// verify, and BullMQ refuses to give one job a second parent. (The verify stage does not
// ask for this job when the landing domain is itself a selected candidate.)
function landingDnsJob(prefix: string, data: DomainJobData, landingDomain: string): FlowJob {
  const d: DomainJobData = { scanId: data.scanId, prospectId: data.prospectId, domain: landingDomain };
  return { name: 'dns', queueName: 'dns', data: d, opts: { jobId: `${jobIdFor('dns', d)}-landing`, parent: classifyParent(prefix, data), ...CHILD_OPTS } };
}
