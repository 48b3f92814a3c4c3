import type { Job } from 'bullmq';
import { prospectJobSchema } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { loadClassifyInputs } from '../repositories/classify-input.repository.ts';
import { saveFinding } from '../repositories/evidence.repository.ts';
import { supersedeCorrections } from '../repositories/correction.repository.ts';
import type { ScanCompletion } from '../scan-completion.ts';
import { runStage, type StageContext } from '../stage-runner.ts';

export function createClassifyProcessor(deps: StageContext & { agents: AgentSet; completion: ScanCompletion }) {
  return async (job: Job): Promise<{ tier: string }> => {
    const data = prospectJobSchema.parse(job.data);
    const key = { ...data, stage: 'classify' };
    try {
      return await runStage(deps, job, key, async () => {
        const { input, playbook } = await loadClassifyInputs(deps.prisma, data);
        const result = deps.agents.classify(input, playbook);
        await saveFinding(deps.prisma, data, result, { key, attempts: job.attemptsMade + 1 });
        // After the finding: a retry that dies in between re-runs both, and this is idempotent.
        await supersedeCorrections(deps.prisma, data);
        return { tier: result.tier };
      });
    } finally {
      // A classify outcome, success or final failure, may be the scan's last one.
      deps.completion.request(data.scanId);
    }
  };
}
