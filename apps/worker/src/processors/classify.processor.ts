import type { HotSql } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { loadClassifyInputs } from '../repositories/classify-input.repository.ts';
import { saveFinding } from '../repositories/evidence.repository.ts';
import { supersedeCorrectionsSql } from '../repositories/correction.repository.ts';
import type { ScanOverrides } from '../repositories/catalog-override.repository.ts';
import type { StageHandler } from '../stage-runner.ts';

/** All evidence of a prospect into answers, its score and tier: the finding. */
export function createClassifyStage(deps: { sql: HotSql; agents: AgentSet; overrides?: ScanOverrides }): StageHandler<'classify'> {
  return async (data) => {
    const { input, playbook } = await loadClassifyInputs(deps.sql, data);
    const result = deps.agents.classify(input, playbook, await deps.overrides?.forScan(data.scanId));
    return {
      result: { tier: result.tier },
      async save(done) {
        await saveFinding(deps.sql, data, result, done);
        // After the finding (it reads it): a retry that dies in between re-runs both, and this is idempotent.
        await deps.sql.write([supersedeCorrectionsSql(data)]);
      },
    };
  };
}
