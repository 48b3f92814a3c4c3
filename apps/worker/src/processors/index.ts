import type { Processor } from 'bullmq';
import type { HotSql, QueueName } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import type { PipelineSteps } from '../pipeline-steps.ts';
import { createProspectInputs } from '../repositories/prospect.repository.ts';
import { createScanWeights } from '../repositories/weights.repository.ts';
import { createScanOverrides } from '../repositories/catalog-override.repository.ts';
import { createStageProcessor, type StageContext } from '../stage-runner.ts';
import { createClassifyStage } from './classify.processor.ts';
import { createDnsStage } from './dns.processor.ts';
import { createSearchStage } from './search.processor.ts';
import { createVerifyStage } from './verify.processor.ts';

export interface ProcessorDeps extends StageContext {
  agents: AgentSet;
  /** The hot path's reads and batched writes (core's batched-sql.ts). */
  sql: HotSql;
  maxCandidates: number;
  /** What follows each finished job (packages/core/src/queues/pipeline.ts decides). */
  pipeline: PipelineSteps;
}

/** Every queue has exactly one processor; the Record type makes a missing one a compile error. */
export function createProcessors(deps: ProcessorDeps): Record<QueueName, Processor> {
  const run = { prisma: deps.prisma, logger: deps.logger, rateLimit: deps.rateLimit, pipeline: deps.pipeline };
  // One lookup per scan of the weights its campaign scores with, shared by search and verify.
  const weights = createScanWeights(deps.prisma);
  // Read by search, read again by each verify of its candidates.
  const prospects = createProspectInputs(deps.sql);
  return {
    search: createStageProcessor('search', createSearchStage({ ...deps, weights, prospects }), run),
    dns: createStageProcessor('dns', createDnsStage(deps), run),
    verify: createStageProcessor('verify', createVerifyStage({ ...deps, weights, prospects }), run),
    classify: createStageProcessor('classify', createClassifyStage({ ...deps, overrides: createScanOverrides(deps.prisma) }), run),
  };
}
