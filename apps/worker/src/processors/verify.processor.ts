import type { PrismaClient } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { isSelectedCandidate } from '../repositories/candidate.repository.ts';
import { loadProspectInput } from '../repositories/prospect.repository.ts';
import { saveVerifyEvidence } from '../repositories/evidence.repository.ts';
import type { ScanWeights } from '../repositories/weights.repository.ts';
import type { StageHandler } from '../stage-runner.ts';

/**
 * Fetches the site and judges whether it is the prospect's. A domain that redirects is
 * judged by where it lands, and the landing domain needs DNS evidence of its own for the
 * providers behind it: unless it is a selected candidate (whose dns job brings that), the
 * result asks the pipeline for it.
 */
export function createVerifyStage(deps: { prisma: PrismaClient; agents: AgentSet; weights?: ScanWeights }): StageHandler<'verify'> {
  return async (data, signal) => {
    const prospect = await loadProspectInput(deps.prisma, data.prospectId);
    const result = await deps.agents.verify(prospect, data.domain, signal, await deps.weights?.forScan(data.scanId));
    const landing = result.verdict === 'verified' && result.landingDomain && result.landingDomain !== data.domain ? result.landingDomain : null;
    const landingDomainWithoutDns = landing && !(await isSelectedCandidate(deps.prisma, data, landing)) ? landing : null;
    return {
      result: { verdict: result.verdict, fetchErrorKind: result.fetch.errorKind, landingDomainWithoutDns },
      save: (done) => saveVerifyEvidence(deps.prisma, data, result, done),
    };
  };
}
