// The worker's public face: the process (runWorker), and the pieces tests and benchmarks
// assemble in-process (agent set, processors, pipeline steps, runtime).
export { runWorker, runWorkerUntilSignal, type RunWorkerOptions } from './main.ts';
export { configureWorkerCommand } from './worker.command.ts';
export type { AgentSet } from './agent-set.ts';
export { createAgentSet } from './agents.factory.ts';
export { createProcessors, type ProcessorDeps } from './processors/index.ts';
export { createPipelineSteps, type PipelineSteps, type PipelineStepsOptions } from './pipeline-steps.ts';
export { createScanCompletion, type ScanCompletion } from './scan-completion.ts';
export { createScanAdmission, type ScanAdmission, type ScanAdmissionOptions } from './scan-admission.ts';
export { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from './worker-runtime.ts';
export { startDeliveryRuntime, webhookBackoff, type DeliveryRuntime } from './delivery/delivery.runtime.ts';
export { WebhookRetryError } from './delivery/webhook-send.ts';
export { DigestInputError, subscribeToDigest } from './delivery/digest/digest-subscriptions.ts';
export { digestPeriod } from './delivery/digest/digest.period.ts';
export { createSmtpMailer, runDigest, type DigestDeps } from './delivery/digest/digest.service.ts';
export { startRescanWorker, type RescanWorkerOptions } from './history/rescan.worker.ts';
// Corrections and scoring weights, as the worker applies them (tests drive them directly).
export { supersedeCorrections, SUPERSEDE_CONFIDENCE } from './repositories/correction.repository.ts';
export { createScanWeights, loadScanWeights, type ScanWeights } from './repositories/weights.repository.ts';
// CRM push: the connectors (the scheduler's planner describes the CRM through them) and the sender.
export { createCrmHttp, type CrmHttp, type CrmHttpOptions } from './delivery/crm/crm-http.ts';
export { createCrmClient, type CrmConnectionRow } from './delivery/crm/crm-clients.ts';
export { crmAuthNeedsReseal, openCrmAuth, sealCrmAuth, sealedCrmAuth, type CrmAuth } from './delivery/crm/crm-auth.ts';
export { createCrmPushSender, crmHash } from './delivery/crm/crm-push.send.ts';
export { requeuePlannedPushes } from './delivery/crm/crm-push.requeue.ts';
export * from './delivery/crm/crm.types.ts';
