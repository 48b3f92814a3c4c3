// What the processors need of the agents, already bound to their ports. main.ts builds
// it from configuration; the processors never see a resolver, a socket or a config.
import type { ClassifyInput, ClassifyResult, DnsResult, ProspectInput, SearchResult, VerifyResult } from '@prospector/agents';
import type { CatalogOverride, ScoringWeights } from '@prospector/agents';

export interface AgentSet {
  /** `weights`: the scan's scoring weights (version 0 when absent). */
  search(prospect: ProspectInput, signal?: AbortSignal, weights?: ScoringWeights): Promise<SearchResult>;
  dns(domain: string, signal?: AbortSignal): Promise<DnsResult>;
  verify(prospect: ProspectInput, domain: string, signal?: AbortSignal, weights?: ScoringWeights): Promise<VerifyResult>;
  /** `overrides`: catalog overrides ops accepted, as the scan sees them. */
  classify(input: ClassifyInput, playbook: unknown, overrides?: readonly CatalogOverride[]): ClassifyResult;
  close(): Promise<void>;
}
