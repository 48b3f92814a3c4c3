import type { HotSql } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { loadProspectInput, type ProspectInputs } from '../repositories/prospect.repository.ts';
import { saveVerifyEvidence } from '../repositories/evidence.repository.ts';
import type { ScanWeights } from '../repositories/weights.repository.ts';
import type { StageHandler } from '../stage-runner.ts';

/**
 * Fetches the site and judges whether it is the prospect's. A domain that redirects is
 * judged by where it lands. The result names the domains whose full DNS analysis classify
 * will read, for the pipeline to run: a verified site's landing domain (the prospect's own),
 * and the list's mail domain whatever its site showed (a business's domain without a website
 * is read by its mail). A rejected candidate gets none.
 */
/**
 * The authenticity (the scoring model's probability that the site is the prospect's) at which
 * the prospect's later candidates are not fetched. Classify keeps the most authentic verified
 * site, so a later one would only matter by scoring higher still. Measured on a 1,500-business
 * market (seed 10000) with every candidate verified: of 416 first candidates verified at
 * 0.9–0.999, 17 had another verified candidate and none of those scored higher; of 30
 * verified below 0.9, 2 were outranked. Above the threshold, a later candidate's fetch almost
 * never changes an answer and costs a TLS handshake, a page and its parse.
 */
export const CONFIDENT_AUTHENTICITY = 0.9;

export function createVerifyStage(deps: { sql: HotSql; agents: AgentSet; weights?: ScanWeights; prospects?: ProspectInputs }): StageHandler<'verify'> {
  return async (data, signal) => {
    const prospect = await (deps.prospects ? deps.prospects.load(data) : loadProspectInput(deps.sql, data.prospectId));
    const result = await deps.agents.verify(prospect, data.domain, signal, await deps.weights?.forScan(data.scanId));
    const dnsDomains: string[] = [];
    if (result.verdict === 'verified') dnsDomains.push(result.landingDomain ?? data.domain);
    if (data.mailDomain && !dnsDomains.includes(data.domain)) dnsDomains.push(data.domain);
    return {
      result: { verdict: result.verdict, fetchErrorKind: result.fetch.errorKind, dnsDomains, confident: result.verdict === 'verified' && (result.authenticity?.score ?? 0) >= CONFIDENT_AUTHENTICITY },
      save: (done) => saveVerifyEvidence(deps.sql, data, result, done),
    };
  };
}
