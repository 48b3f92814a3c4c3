import type { Job } from 'bullmq';
import { domainJobSchema } from '@prospector/core';
import { TransientError } from '@prospector/agents';
import type { AgentSet } from '../agent-set.ts';
import { saveDnsEvidence } from '../repositories/evidence.repository.ts';
import { runStage, type StageContext } from '../stage-runner.ts';

export function createDnsProcessor(deps: StageContext & { agents: AgentSet }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ addresses: number }> => {
    const data = domainJobSchema.parse(job.data);
    const key = { scanId: data.scanId, prospectId: data.prospectId, stage: 'dns', subject: data.domain };
    return runStage(deps, job, key, async () => {
      const result = await deps.agents.dns(data.domain, signal);
      // Lookups that failed after the resolver's own retries (SERVFAIL, timeouts) get the
      // queue's slower backoff too; the last attempt records whatever was learnt.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (result.failures.length > 0 && !lastAttempt) {
        const sample = result.failures.slice(0, 3).map((f) => `${f.name} ${f.type} ${f.outcome}`).join(', ');
        throw new TransientError(`${result.failures.length} lookups failed for ${data.domain}: ${sample}`, `dns-${result.failures[0]!.outcome}`);
      }
      await saveDnsEvidence(deps.prisma, data, result, { key, attempts: job.attemptsMade + 1 });
      return { addresses: result.addresses.length };
    });
  };
}
