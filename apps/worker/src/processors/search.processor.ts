import type { Job } from 'bullmq';
import type { FlowProducer } from 'bullmq';
import { prospectJobSchema } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { enqueueDomainStages } from '@prospector/core';
import { loadProspectInput } from '../repositories/prospect.repository.ts';
import { saveSearchEvidence } from '../repositories/evidence.repository.ts';
import { recordStageDone } from '../repositories/stage.repository.ts';
import { runStage, type StageContext } from '../stage-runner.ts';
import type { ScanWeights } from '../repositories/weights.repository.ts';

export interface SearchProcessorDeps extends StageContext {
  agents: AgentSet;
  flows: FlowProducer;
  prefix: string;
  maxCandidates: number;
  /** The scan's scoring weights; version 0 when absent. */
  weights?: ScanWeights;
}

export function createSearchProcessor(deps: SearchProcessorDeps) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ candidates: number }> => {
    const data = prospectJobSchema.parse(job.data);
    const key = { ...data, stage: 'search' };
    return runStage(deps, job, key, async () => {
      const prospect = await loadProspectInput(deps.prisma, data.prospectId);
      const result = await deps.agents.search(prospect, signal, await deps.weights?.forScan(data.scanId));
      const selected = result.candidates.slice(0, deps.maxCandidates).map((c) => c.domain);
      await saveSearchEvidence(deps.prisma, data, result, selected);
      // Enqueue before marking done: if we die in between, the retry re-adds the same ids.
      await enqueueDomainStages(deps.flows, deps.prefix, data, selected);
      await recordStageDone(deps.prisma, key, job.attemptsMade + 1);
      return { candidates: selected.length };
    });
  };
}
