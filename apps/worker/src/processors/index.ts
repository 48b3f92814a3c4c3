import type { FlowProducer, Processor } from 'bullmq';
import type { QueueName } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import type { StageContext } from '../stage-runner.ts';
import type { ScanCompletion } from '../scan-completion.ts';
import { createClassifyProcessor } from './classify.processor.ts';
import { createDnsProcessor } from './dns.processor.ts';
import { createSearchProcessor } from './search.processor.ts';
import { createVerifyProcessor } from './verify.processor.ts';
import { createScanWeights } from '../repositories/weights.repository.ts';

export interface ProcessorDeps extends StageContext {
  agents: AgentSet;
  flows: FlowProducer;
  prefix: string;
  maxCandidates: number;
  completion: ScanCompletion;
}

/** Every queue has exactly one processor; the Record type makes a missing one a compile error. */
export function createProcessors(deps: ProcessorDeps): Record<QueueName, Processor> {
  const weights = createScanWeights(deps.prisma);
  return {
    search: createSearchProcessor({ ...deps, weights }),
    dns: createDnsProcessor(deps),
    verify: createVerifyProcessor({ ...deps, weights }),
    classify: createClassifyProcessor(deps),
  };
}
