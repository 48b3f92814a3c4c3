// Does what packages/core/src/queues/pipeline.ts decides follows a finished job: adds the
// next jobs, asks for the scan-completion check and for a top-up of the scan's admission
// window. The decisions live there; this is only their execution with the worker's clients.
import type { FlowProducer } from 'bullmq';
import { nextStepsAfterDone, nextStepsAfterFinalFailure, type JobDataByQueue, type JobResultByQueue, type NextSteps, type QueueName } from '@prospector/core';
import type { ScanAdmission } from './scan-admission.ts';
import type { ScanCompletion } from './scan-completion.ts';

export interface PipelineSteps {
  afterDone<Q extends QueueName>(queue: Q, data: JobDataByQueue[Q], result: JobResultByQueue[Q]): Promise<void>;
  /** `whileActive`: called by the processor still holding the job (see nextStepsAfterFinalFailure). */
  afterFinalFailure<Q extends QueueName>(queue: Q, data: JobDataByQueue[Q], whileActive: boolean): Promise<void>;
}

export interface PipelineStepsOptions {
  flows: FlowProducer;
  prefix: string;
  completion: ScanCompletion;
  admission: Pick<ScanAdmission, 'request'>;
}

export function createPipelineSteps(options: PipelineStepsOptions): PipelineSteps {
  const run = async (steps: NextSteps, scanId: number) => {
    if (steps.jobs.length > 0) await options.flows.addBulk(steps.jobs);
    if (steps.checkScanCompletion) options.completion.request(scanId);
    if (steps.admitMore) options.admission.request(scanId);
  };
  return {
    afterDone: (queue, data, result) => run(nextStepsAfterDone(queue, data, result, options.prefix), data.scanId),
    afterFinalFailure: (queue, data, whileActive) => run(nextStepsAfterFinalFailure(queue, data, options.prefix, whileActive), data.scanId),
  };
}
