import type { Job } from 'bullmq';
import { prospectJobSchema } from '@prospector/core';
import type { StageFailure } from '@prospector/agents';
import type { AgentSet } from '../agent-set.ts';
import { loadCampaignPlaybook, loadProspectInput } from '../repositories/prospect.repository.ts';
import { loadClassifyEvidence, saveFinding } from '../repositories/evidence.repository.ts';
import type { ScanCompletion } from '../scan-completion.ts';
import { runStage, type StageContext } from '../stage-runner.ts';

export function createClassifyProcessor(deps: StageContext & { agents: AgentSet; completion: ScanCompletion }) {
  return async (job: Job): Promise<{ tier: string }> => {
    const data = prospectJobSchema.parse(job.data);
    const key = { ...data, stage: 'classify' };
    try {
      return await runStage(deps, job, key, async () => {
        const [prospect, evidence, playbook, failures] = await Promise.all([
          loadProspectInput(deps.prisma, data.prospectId),
          loadClassifyEvidence(deps.prisma, data),
          loadCampaignPlaybook(deps.prisma, data.scanId),
          loadStageFailures(deps, data),
        ]);
        const result = deps.agents.classify({ prospect, ...evidence, failures }, playbook);
        await saveFinding(deps.prisma, data, result, { key, attempts: job.attemptsMade + 1 });
        return { tier: result.tier };
      });
    } finally {
      // A classify outcome, success or final failure, may be the scan's last one.
      deps.completion.request(data.scanId);
    }
  };
}

async function loadStageFailures(deps: StageContext, data: { scanId: number; prospectId: number }): Promise<StageFailure[]> {
  // Raw SQL: runs once per prospect, where the ORM's planning cost more than the query.
  const rows = await deps.prisma.$queryRaw<{ stage: StageFailure['stage']; subject: string; error: string | null; errorKind: string | null }[]>`
    SELECT stage, subject, error, "errorKind" FROM "StageRun"
    WHERE "scanId" = ${data.scanId} AND "prospectId" = ${data.prospectId} AND status = 'failed' AND stage IN ('search', 'dns', 'verify')
    ORDER BY id`;
  return rows.map((r) => ({ stage: r.stage, subject: r.subject, error: `${r.errorKind ?? 'error'}: ${r.error ?? ''}` }));
}
