export * from './errors.ts';
export type * from './ports.ts';
export * from './types.ts';

// The agents: functions of their input and ports.
export { runSearchAgent } from './search/search.agent.ts';
export { runDnsAgent } from './dns/dns.agent.ts';
export { runVerifyAgent } from './verify/verify.agent.ts';
export { runClassifyAgent } from './classify/classify.agent.ts';
export { applyCatalogOverrides, evidencePatterns, FIELD_EVIDENCE, OVERRIDE_EVIDENCE, type CatalogOverride, type OverrideEvidence } from './classify/catalog-overrides.ts';

// The real ports.
export { createResolver, type CachingResolver, type ResolverOptions, type ResolverStats } from './adapters/resolver.ts';
export { createAsnLookup, parseAsnSources, type AsnSourceName } from './adapters/asn-chain.ts';
export { createSafeHttpClient, DEFAULT_HTTP_LIMITS, type SafeHttpClient, type SafeHttpOptions } from './adapters/safe-http.ts';
export { createSearxngClient } from './adapters/searxng.ts';
export { createBraveClient } from './adapters/brave.ts';

// Data: the provider catalog and the qualification playbook.
export { CatalogError, loadCatalog, type LoadCatalogOptions } from './catalog/catalog.loader.ts';
export type { Catalog, ProviderKind } from './catalog/catalog.ts';
export { loadPlaybook, parsePlaybook, PlaybookError, type Playbook } from './playbook/playbook.ts';

// Campaign statistics and business-name keys, shared with the scheduler.
export * from './stats/campaign-stats.ts';
export { nameKey } from './names/business-name.ts';

// The catalog's own figures, and the domains that are never a business's own (shared with the import's identity match).
export { catalogStats, formatCatalogStats } from './catalog/catalog.stats.ts';
export type { ProviderEntry } from './catalog/catalog.schema.ts';
export { DIRECTORY_DOMAINS, FREE_MAIL_DOMAINS, ISP_MAIL_DOMAINS, PLATFORM_DOMAINS, SOCIAL_NETWORKS } from './search/domain-lists.ts';

// The SSRF guard's parts, for other outbound HTTP (webhook delivery).
export { createAddressPolicy } from './adapters/address-policy.ts';
export { createSafeConnector } from './adapters/safe-http-connector.ts';
export { messageOf } from './adapters/safe-http-errors.ts';
// Scoring weights as versioned data (version 0 = the hand-set values), and their fit from
// labelled candidates (the scheduler's `model fit`, the worker's per-scan weights).
export * from './learning/scoring-weights.ts';
export {
  bootstrapInterval, candidateAuthenticity, chooseDomain, evaluateChoices, fitScoringWeights, isValidationKey,
  type CandidateExample, type ChoiceFigures, type FitResult, type FitWeightsOptions, type ProspectExamples,
} from './learning/weights-fit.ts';
export { authenticitySignals } from './verify/authenticity.ts';
