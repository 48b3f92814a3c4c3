// The whole pipeline, in one place: what starts a prospect, and what follows every
// finished job. Processors only run their agent and save its evidence; the stage runner
// asks this file what comes next and does it.
//
//   scan start     classify(prospect) ← search(prospect)                 one flow per prospect
//                  of the first window (db/scan-admission.ts admits the rest)
//   search done    the best-scored selected candidate: verify(domain), under the same
//                  classify parent, carrying the other candidates
//   verify done    unless it was confidently the prospect's site: a verify of the next
//                  candidate by score, carrying the ones after it (one at a time, so the
//                  first confident one spares the rest their fetch)
//   verify done    (any) the domains classify will read the DNS of (verify's result names them:
//                  where a verified site landed, and the list's mail domain whatever its
//                  site showed): dns(domain) each, under the same classify parent
//   dns done       nothing: classify runs once its last child has finished
//   classify done  the scan may be complete: check; its window has room: top it up
//   final failure  classify: as classify done (its outcome is recorded); verify of
//                  the list's mail domain: its dns still runs (a mail domain without a
//                  website is still the business's); any other stage: nothing, it is an
//                  ignored dependency and classify runs on the partial evidence, the
//                  failure recorded with its kind
//
// The full DNS analysis (MX, SPF walk, SRV, PTR, ASN, probed hosts) is most of a domain's
// lookups, and classify only reads it for the domain that proved to be the prospect's (or
// its mail domain when no site did): candidates that verify rejects get none. Children run
// before their parent, so classify runs once everything under it has finished or failed,
// the dns jobs included (a verify adds them before it completes). Job ids are
// deterministic, so running any step twice adds nothing twice, and two verifies landing on
// one domain share its dns job. Retry policies live in job-catalog.ts.
import type { FlowJob } from 'bullmq';
import type { DomainJobData, JobDataByQueue, JobResultByQueue, ProspectJobData, VerifyJobData } from './job-catalog.ts';
import type { QueueName } from './names.ts';
import { jobIdFor, qualifiedQueueName } from './queues.ts';

/** What the stage runner does once a job has finished. */
export interface NextSteps {
  /** Jobs to add (flows, or single jobs under an existing parent). */
  jobs: FlowJob[];
  /** The job may have been the scan's last outcome. */
  checkScanCompletion: boolean;
  /** A prospect left the scan's admission window: admit more (db/scan-admission.ts). */
  admitMore: boolean;
}

const NOTHING: NextSteps = { jobs: [], checkScanCompletion: false, admitMore: false };
/** A prospect's classify outcome is recorded. */
const PROSPECT_FINISHED: NextSteps = { jobs: [], checkScanCompletion: true, admitMore: true };
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
  search: (data, result, prefix) => ({ ...NOTHING, jobs: firstVerifyJob(prefix, data, result.candidates, result.mailDomains ?? []) }),
  dns: () => NOTHING,
  // `?? []`: a job queued by a worker of the previous shape returns no such list.
  verify: (data, result, prefix) => ({
    ...NOTHING,
    jobs: [...(result.dnsDomains ?? []).map((domain) => dnsJob(prefix, data, domain)), ...(result.confident ? [] : nextVerifyJob(prefix, data))],
  }),
  classify: () => PROSPECT_FINISHED,
};

export function nextStepsAfterDone<Q extends QueueName>(queue: Q, data: JobDataByQueue[Q], result: JobResultByQueue[Q], prefix: string): NextSteps {
  return (AFTER_DONE[queue] as (d: JobDataByQueue[Q], r: JobResultByQueue[Q], p: string) => NextSteps)(data, result, prefix);
}

/**
 * `whileActive`: the failed job is still held by its processor, so its parent waits for it
 * and can take new children. A job found failed afterwards (stalled too often) adds none:
 * its classify may already have run.
 */
export function nextStepsAfterFinalFailure<Q extends QueueName>(queue: Q, data: JobDataByQueue[Q], prefix: string, whileActive: boolean): NextSteps {
  if (queue === 'classify') return PROSPECT_FINISHED;
  if (queue === 'verify' && whileActive) {
    const v = data as VerifyJobData;
    return { ...NOTHING, jobs: [...(v.mailDomain ? [dnsJob(prefix, v, v.domain)] : []), ...nextVerifyJob(prefix, v)] };
  }
  return NOTHING;
}

/** The prospect's classify job (its id has no domain, whatever job asks). */
function classifyParent(prefix: string, data: ProspectJobData) {
  return { id: jobIdFor('classify', { scanId: data.scanId, prospectId: data.prospectId }), queue: qualifiedQueueName(prefix, 'classify') };
}

type Candidate = NonNullable<VerifyJobData['rest']>[number];

function verifyJob(prefix: string, data: ProspectJobData, c: Candidate, rest: Candidate[] = []): FlowJob {
  const d: VerifyJobData = { scanId: data.scanId, prospectId: data.prospectId, domain: c.domain, ...(c.mailDomain ? { mailDomain: true } : {}), ...(rest.length ? { rest } : {}) };
  return { name: 'verify', queueName: 'verify', data: d, opts: { jobId: jobIdFor('verify', d), parent: classifyParent(prefix, data), ...CHILD_OPTS } };
}

/** Best-scored first: the others wait for its verdict (a confident one makes them moot). */
export function firstVerifyJob(prefix: string, data: ProspectJobData, domains: string[], mailDomains: string[]): FlowJob[] {
  const candidates = domains.map((domain): Candidate => (mailDomains.includes(domain) ? { domain, mailDomain: true } : { domain }));
  return verifyChain(prefix, data, candidates);
}

/** The next candidate by score, carrying the ones after it: no confident verdict came yet. */
function nextVerifyJob(prefix: string, data: VerifyJobData): FlowJob[] {
  return verifyChain(prefix, data, data.rest ?? []);
}

function verifyChain(prefix: string, data: ProspectJobData, candidates: Candidate[]): FlowJob[] {
  return candidates.length ? [verifyJob(prefix, data, candidates[0]!, candidates.slice(1))] : [];
}

function dnsJob(prefix: string, data: ProspectJobData, domain: string): FlowJob {
  const d: DomainJobData = { scanId: data.scanId, prospectId: data.prospectId, domain };
  return { name: 'dns', queueName: 'dns', data: d, opts: { jobId: jobIdFor('dns', d), parent: classifyParent(prefix, data), ...CHILD_OPTS } };
}
