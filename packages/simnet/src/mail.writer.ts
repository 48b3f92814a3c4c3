// Mail records (MX, SPF, verification tokens, autodiscover) written from the spec's
// published shapes, optionally behind a security gateway that hides the mailbox host from MX.
import type { AddressPlan } from './address-plan.ts';
import type { Rng } from './prng.ts';
import type { MailSpec, MxForm } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';

export interface MailSetup {
  domain: string;
  /** The mailbox host, or the business's own server. */
  mailbox: MailSpec | 'self-hosted';
  gateway: MailSpec | null;
  /** The business's own address when mail runs on premises. */
  onPremAddress: string | null;
  /** Extra SPF ip4: of the office (sometimes listed even with hosted mail). */
  officeAddress: string | null;
  /** Extra SPF `a:` of an office host (an unprobed label such as fw01): its address is the office's. */
  officeSpfHost: string | null;
  /** Behind a gateway, some SPF records name only the gateway: the mailbox host is then unseen. */
  spfNamesMailbox: boolean;
}

interface Mx { preference: number; exchange: string }

function pickForm(forms: readonly MxForm[], rng: Rng): MxForm {
  if (forms.length === 1) return forms[0]!;
  const weights = Object.fromEntries(forms.map((f, i) => [String(i), f.weight]));
  return forms[Number(rng.weighted(weights))]!;
}

function providerMx(plan: AddressPlan, spec: MailSpec, domain: string, rng: Rng): Mx[] {
  const scope = new TemplateScope(rng, { domain });
  return pickForm(spec.forms, rng).mx.map((m, i) => ({ preference: m.preference, exchange: plan.host(scope.expand(m.host), plan.shared(spec.network, i)) }));
}

function selfHostedMx(plan: AddressPlan, setup: MailSetup): { mx: Mx[]; spf: string } {
  const address = setup.onPremAddress ?? plan.shared('godaddy', 30);
  plan.add({ name: `mail.${setup.domain}`, type: 'A', value: address });
  return { mx: [{ preference: 10, exchange: `mail.${setup.domain}` }], spf: `ip4:${address} mx` };
}

/** Records only the mailbox host writes: they reveal it even behind a gateway. */
function addMailboxTokens(plan: AddressPlan, spec: MailSpec, domain: string, rng: Rng): void {
  const scope = new TemplateScope(rng, { domain });
  for (const txt of spec.txt ?? []) plan.add({ name: domain, type: 'TXT', value: scope.expand(txt) });
  for (const c of spec.cnames ?? []) plan.add({ name: `${scope.expand(c.label)}.${domain}`, type: 'CNAME', value: scope.expand(c.target) });
}

/** Writes the mail records; returns whether public records reveal the mailbox host. */
export function addMail(plan: AddressPlan, setup: MailSetup, rng: Rng): { mailboxVisible: boolean } {
  const { domain, mailbox, gateway } = setup;
  const box = mailbox === 'self-hosted' ? selfHostedMx(plan, setup) : { mx: providerMx(plan, mailbox, domain, rng), spf: mailbox.spf };
  const gateMx = gateway ? providerMx(plan, gateway, domain, rng) : null;
  for (const mx of gateMx ?? box.mx) plan.add({ name: domain, type: 'MX', ...mx });
  const boxSpf = gateway && !setup.spfNamesMailbox ? null : box.spf;
  const mechanisms = [gateway?.spf, boxSpf, setup.officeAddress ? `ip4:${setup.officeAddress}` : null, setup.officeSpfHost ? `a:${setup.officeSpfHost}` : null]
    .filter((m): m is string => Boolean(m));
  plan.add({ name: domain, type: 'TXT', value: `v=spf1 ${mechanisms.join(' ')} ${rng.pick(['~all', '-all', '~all'])}` });
  // Search Console's token says nothing about mail: Google Workspace customers nearly always
  // have it, and so do a quarter of the others.
  if ((mailbox !== 'self-hosted' && mailbox.id === 'google') || rng.chance(0.25)) {
    plan.add({ name: domain, type: 'TXT', value: `google-site-verification=${new TemplateScope(rng, {}).expand('{A:43}')}` });
  }
  let tokens = false;
  if (mailbox !== 'self-hosted') {
    addMailboxTokens(plan, mailbox, domain, rng);
    tokens = (mailbox.txt?.length ?? 0) + (mailbox.cnames?.length ?? 0) > 0;
  } else if (setup.onPremAddress) {
    plan.add({ name: `autodiscover.${domain}`, type: 'A', value: setup.onPremAddress });
    tokens = true;
  }
  if (rng.chance(0.5)) plan.add({ name: `_dmarc.${domain}`, type: 'TXT', value: `v=DMARC1; p=${rng.pick(['none', 'quarantine', 'reject'])}; rua=mailto:dmarc@${domain}` });
  return { mailboxVisible: gateway === null || boxSpf !== null || tokens };
}
