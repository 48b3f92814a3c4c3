import type { Job } from 'bullmq';
import { domainJobSchema } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { saveDnsEvidence } from '../repositories/evidence.repository.ts';
import { recordStageDone } from '../repositories/stage.repository.ts';
import { runStage, type StageContext } from '../stage-runner.ts';

export function createDnsProcessor(deps: StageContext & { agents: AgentSet }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ addresses: number }> => {
    const data = domainJobSchema.parse(job.data);
    const key = { scanId: data.scanId, prospectId: data.prospectId, stage: 'dns', subject: data.domain };
    return runStage(deps, job, key, async () => {
      const result = await deps.agents.dns(data.domain, signal);
      await saveDnsEvidence(deps.prisma, data, result);
      await recordStageDone(deps.prisma, key, job.attemptsMade + 1);
      return { addresses: result.addresses.length };
    });
  };
}
