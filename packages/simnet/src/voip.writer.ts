// VoIP records (SRV, CNAME, TXT) as each service's setup guide publishes them.
import type { AddressPlan } from './address-plan.ts';
import type { Rng } from './prng.ts';
import type { VoipSpec } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';

export function addVoip(plan: AddressPlan, domain: string, spec: VoipSpec, rng: Rng): void {
  const scope = new TemplateScope(rng, { domain });
  spec.records.forEach((r, i) => {
    const name = r.label === '@' ? domain : `${r.label}.${domain}`;
    const value = scope.expand(r.value);
    if (r.type === 'TXT') return plan.add({ name, type: 'TXT', value });
    plan.host(value, plan.shared(spec.network, 20 + i));
    if (r.type === 'CNAME') return plan.add({ name, type: 'CNAME', value });
    plan.add({ name, type: 'SRV', priority: r.priority ?? 10, weight: r.weight ?? 10, port: r.port ?? 5060, target: value });
  });
}
