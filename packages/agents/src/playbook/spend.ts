// A transparent monthly data-services spend estimate: a base by employee band plus a
// factor for each piece of evidence that a business buys more (its own servers, static
// addresses, an online shop, VoIP, several locations). Every factor is listed.
import type { ClassifyResult, ProspectInput, SpendEstimate } from '../types.ts';
import type { Playbook } from './playbook.schema.ts';
import { FIRM_CONFIDENCE } from '../classify/strengths.ts';

export interface SpendContext {
  /** Number of locations, when the list or a rep says so. */
  locations?: number | null;
}

type SpendEvidence = Pick<ClassifyResult, 'emailProvider' | 'webHost' | 'isp' | 'ecommercePlatform' | 'voipProvider' | 'confidence'>;

export function estimateSpend(
  result: SpendEvidence,
  prospect: ProspectInput,
  playbook: Playbook,
  context: SpendContext = {},
): SpendEstimate {
  const s = playbook.spend;
  const factors: SpendEstimate['factors'] = [baseFactor(prospect.employees, playbook)];
  const onPrem = [result.emailProvider === 'self-hosted' ? 'mail' : null, result.webHost === 'self-hosted' ? 'web' : null].filter(
    (x): x is string => x !== null,
  );
  if (onPrem.length > 0) factors.push({ label: `on-premises servers (${onPrem.join(', ')})`, usd: s.onPremisesServersUsd });
  // An ISP answer of some confidence comes from addresses the business runs itself: static addresses.
  if (result.isp && (result.confidence.isp ?? 0) >= FIRM_CONFIDENCE) factors.push({ label: `static addresses on ${result.isp}`, usd: s.staticAddressesUsd });
  if (result.ecommercePlatform) factors.push({ label: `online shop (${result.ecommercePlatform})`, usd: s.ecommerceUsd });
  if (result.voipProvider) factors.push({ label: `VoIP (${result.voipProvider})`, usd: s.voipUsd });
  const locations = context.locations ?? null;
  if (locations !== null && locations > 1) {
    factors.push({ label: `${locations} locations`, usd: (locations - 1) * s.perExtraLocationUsd });
  }
  return { monthlyUsd: factors.reduce((sum, f) => sum + f.usd, 0), factors };
}

function baseFactor(employees: number | null, playbook: Playbook): { label: string; usd: number } {
  const s = playbook.spend;
  if (employees === null) return { label: 'base: employee count unknown', usd: s.unknownEmployeesUsd };
  let lower = 1;
  for (const band of s.baseByEmployees) {
    if (band.upTo === null || employees <= band.upTo) {
      const range = band.upTo === null ? `${lower}+` : `${lower}–${band.upTo}`;
      return { label: `base: ${range} employees`, usd: band.usd };
    }
    lower = band.upTo + 1;
  }
  return { label: 'base: employee count unknown', usd: s.unknownEmployeesUsd };
}

export function formatUsd(n: number): string {
  return `$${Math.round(n).toLocaleString('en-US')}`;
}
