// The classify agent: turns the evidence of the search, dns and verify stages into answers,
// each with a confidence and the evidence behind it (null with a reason when the evidence
// is not there), then scores the prospect with the playbook. Pure and synchronous.
import type { Catalog } from '../catalog/catalog.ts';
import type { Playbook } from '../playbook/playbook.ts';
import { scoreProspect } from '../playbook/playbook.ts';
import { PROVIDER_FIELDS, type AnswerField, type ClassifyInput, type ClassifyResult, type Presence } from '../types.ts';
import type { Answer, ClassifyContext } from './answer.ts';
import { classifyDnsProvider, classifyVoip } from './dns-voip.ts';
import { classifyEmail } from './email.ts';
import { renderEvidence, renderReason } from './evidence.ts';
import { classifyIsp } from './isp.ts';
import { applyCatalogOverrides, type CatalogOverride } from './catalog-overrides.ts';
import { decidePresence } from './presence.ts';
import { classifyWeb } from './web.ts';

export interface ClassifyOptions {
  catalog: Catalog;
  playbook: Playbook;
  /** Catalog overrides ops accepted (loaded by the caller); applied where the domain's DNS shows their pattern. */
  overrides?: readonly CatalogOverride[];
}

export function runClassifyAgent(input: ClassifyInput, options: ClassifyOptions): ClassifyResult {
  const decision = decidePresence(input, options.catalog);
  const ctx: ClassifyContext = {
    input,
    prospect: input.prospect,
    search: input.search,
    catalog: options.catalog,
    site: decision.site,
    domain: decision.domain.value,
    dns: decision.dns,
  };
  const email = classifyEmail(ctx);
  const web = classifyWeb(ctx);
  const found: Record<AnswerField, Answer> = {
    presence: decision.presence,
    domain: decision.domain,
    emailProvider: email.emailProvider,
    emailGateway: email.emailGateway,
    webHost: web.webHost,
    dnsProvider: classifyDnsProvider(ctx),
    isp: classifyIsp(ctx, web.selfRunAddresses),
    ecommercePlatform: web.ecommercePlatform,
    cms: web.cms,
    voipProvider: classifyVoip(ctx),
  };
  const answers = applyCatalogOverrides(found, decision.dns, options.overrides ?? []);
  const result = assemble(answers);
  const score = scoreProspect(result, input.prospect, options.playbook);
  return { ...result, ...score };
}

function assemble(answers: Record<AnswerField, Answer>): ClassifyResult {
  const confidence: ClassifyResult['confidence'] = {};
  const evidence: ClassifyResult['evidence'] = {};
  const evidenceItems: ClassifyResult['evidenceItems'] = {};
  const unknownReasons: ClassifyResult['unknownReasons'] = {};
  const unknownCodes: ClassifyResult['unknownCodes'] = {};
  for (const [field, answer] of Object.entries(answers) as [AnswerField, Answer][]) {
    if (answer.value !== null) confidence[field] = answer.confidence;
    if (answer.evidence.length > 0) {
      evidenceItems[field] = answer.evidence;
      evidence[field] = answer.evidence.map(renderEvidence);
    }
    if (answer.value === null) {
      const why = answer.reason ?? { code: 'no-evidence' as const };
      unknownCodes[field] = why.code;
      unknownReasons[field] = renderReason(why);
    }
  }
  const cataloged: ClassifyResult['cataloged'] = {};
  for (const field of PROVIDER_FIELDS) if (answers[field].value !== null) cataloged[field] = answers[field].cataloged;
  return {
    presence: (answers.presence.value ?? 'none') as Presence,
    domain: answers.domain.value,
    emailProvider: answers.emailProvider.value,
    emailGateway: answers.emailGateway.value,
    webHost: answers.webHost.value,
    dnsProvider: answers.dnsProvider.value,
    isp: answers.isp.value,
    ecommercePlatform: answers.ecommercePlatform.value,
    cms: answers.cms.value,
    voipProvider: answers.voipProvider.value,
    confidence,
    evidence,
    evidenceItems,
    unknownReasons,
    unknownCodes,
    cataloged,
    score: 0,
    tier: 'D',
    reasons: [],
    spend: { monthlyUsd: 0, factors: [] },
  };
}
