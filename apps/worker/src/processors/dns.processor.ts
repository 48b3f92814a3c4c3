import type { HotSql } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { saveDnsEvidence } from '../repositories/evidence.repository.ts';
import type { StageHandler } from '../stage-runner.ts';

/**
 * The DNS evidence of one domain. Lookups that failed after the resolver's own retries stay
 * in the result (classify reads them); whether a result is worth another run is the dns
 * retry policy's call (job-catalog.ts), not this handler's.
 */
export function createDnsStage(deps: { sql: HotSql; agents: AgentSet }): StageHandler<'dns'> {
  return async (data, signal) => {
    const result = await deps.agents.dns(data.domain, signal);
    return {
      result: {
        addresses: result.addresses.length,
        lookups: result.lookups.length,
        failedLookups: result.failures.length,
        firstFailure: result.failures[0]?.outcome ?? null,
      },
      save: (done) => saveDnsEvidence(deps.sql, data, result, done),
    };
  };
}
