import type { Job } from 'bullmq';
import { domainJobSchema } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { loadProspectInput } from '../repositories/prospect.repository.ts';
import { saveDnsEvidence, saveVerifyEvidence } from '../repositories/evidence.repository.ts';
import { recordStageDone } from '../repositories/stage.repository.ts';
import { runStage, type StageContext } from '../stage-runner.ts';

export function createVerifyProcessor(deps: StageContext & { agents: AgentSet }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ verdict: string }> => {
    const data = domainJobSchema.parse(job.data);
    const key = { scanId: data.scanId, prospectId: data.prospectId, stage: 'verify', subject: data.domain };
    return runStage(deps, job, key, async () => {
      const prospect = await loadProspectInput(deps.prisma, data.prospectId);
      const result = await deps.agents.verify(prospect, data.domain, signal);
      // A domain that redirects is judged by where it lands; the landing domain needs its
      // own DNS evidence for the providers behind it.
      if (result.verdict === 'verified' && result.landingDomain && result.landingDomain !== data.domain) {
        const landingDns = await deps.agents.dns(result.landingDomain, signal);
        await saveDnsEvidence(deps.prisma, data, landingDns);
      }
      await saveVerifyEvidence(deps.prisma, data, result);
      await recordStageDone(deps.prisma, key, job.attemptsMade + 1);
      return { verdict: result.verdict };
    });
  };
}
