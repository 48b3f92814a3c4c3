import type { Job } from 'bullmq';
import { domainJobSchema } from '@prospector/core';
import { TransientError } from '@prospector/agents';
import type { AgentSet } from '../agent-set.ts';
import { loadProspectInput } from '../repositories/prospect.repository.ts';
import { saveDnsEvidence, saveVerifyEvidence } from '../repositories/evidence.repository.ts';
import { runStage, type StageContext } from '../stage-runner.ts';
import type { ScanWeights } from '../repositories/weights.repository.ts';

const RETRYABLE_FETCH = new Set(['timeout', 'connect', 'refused', 'dns']);

export function createVerifyProcessor(deps: StageContext & { agents: AgentSet; weights?: ScanWeights }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ verdict: string }> => {
    const data = domainJobSchema.parse(job.data);
    const key = { scanId: data.scanId, prospectId: data.prospectId, stage: 'verify', subject: data.domain };
    return runStage(deps, job, key, async () => {
      const prospect = await loadProspectInput(deps.prisma, data.prospectId);
      const result = await deps.agents.verify(prospect, data.domain, signal, await deps.weights?.forScan(data.scanId));
      // A site that timed out or refused may be down for a moment: try again later, and
      // record it as unreachable only when the attempts are spent.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (result.verdict === 'unreachable' && RETRYABLE_FETCH.has(result.fetch.errorKind ?? '') && !lastAttempt) {
        throw new TransientError(`${data.domain} unreachable: ${result.fetch.error ?? result.fetch.errorKind}`, `http-${result.fetch.errorKind}`);
      }
      // A domain that redirects is judged by where it lands; the landing domain needs its
      // own DNS evidence for the providers behind it.
      if (result.verdict === 'verified' && result.landingDomain && result.landingDomain !== data.domain) {
        const landingDns = await deps.agents.dns(result.landingDomain, signal);
        await saveDnsEvidence(deps.prisma, data, landingDns);
      }
      await saveVerifyEvidence(deps.prisma, data, result, { key, attempts: job.attemptsMade + 1 });
      return { verdict: result.verdict };
    });
  };
}
