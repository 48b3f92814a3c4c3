import type { HotSql } from '@prospector/core';
import type { AgentSet } from '../agent-set.ts';
import { loadProspectInput, type ProspectInputs } from '../repositories/prospect.repository.ts';
import { saveSearchEvidence } from '../repositories/evidence.repository.ts';
import type { ScanWeights } from '../repositories/weights.repository.ts';
import type { StageHandler } from '../stage-runner.ts';

export interface SearchStageDeps {
  sql: HotSql;
  agents: AgentSet;
  maxCandidates: number;
  /** The scan's scoring weights; version 0 when absent. */
  weights?: ScanWeights;
  /** Prospect rows remembered for the verify jobs that follow; read each time when absent. */
  prospects?: ProspectInputs;
}

/**
 * Candidate domains of a prospect; the pipeline sends each selected one to verify. The ones
 * the list's e-mail column names are marked: classify reads their DNS whatever their site shows.
 */
export function createSearchStage(deps: SearchStageDeps): StageHandler<'search'> {
  return async (data, signal) => {
    const prospect = await (deps.prospects ? deps.prospects.load(data) : loadProspectInput(deps.sql, data.prospectId));
    const result = await deps.agents.search(prospect, signal, await deps.weights?.forScan(data.scanId));
    const chosen = result.candidates.slice(0, deps.maxCandidates);
    const selected = chosen.map((c) => c.domain);
    const listMail = prospect.emailDomain?.trim().toLowerCase() ?? null;
    const mailDomains = chosen.filter((c) => c.sources.includes('list-email') || c.domain === listMail).map((c) => c.domain);
    return {
      result: { candidates: selected, mailDomains },
      save: (done) => saveSearchEvidence(deps.sql, data, result, selected, done),
    };
  };
}
