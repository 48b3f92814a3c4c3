// Mail records (MX, SPF, verification tokens, autodiscover) in each provider's real shape,
// optionally behind a security gateway that hides the mailbox provider from MX.
import type { AddressPlan } from './address-plan.ts';
import type { Rng } from './prng.ts';

export type EmailProviderSlug =
  | 'google-workspace' | 'microsoft-365' | 'godaddy' | 'zoho' | 'rackspace'
  | 'ionos' | 'namecheap' | 'intermedia' | 'self-hosted';
export type GatewaySlug = 'proofpoint' | 'mimecast' | 'barracuda';
export type VoipSlug = 'microsoft-teams' | 'ringcentral' | '8x8' | 'zoom-phone';

export interface MailSetup {
  domain: string;
  provider: EmailProviderSlug;
  gateway: GatewaySlug | null;
  /** The business's own ISP address when mail runs on premises. */
  onPremAddress: string | null;
  /** Extra SPF ip4: of the office (sometimes listed even with hosted mail). */
  officeAddress: string | null;
}

interface Mx { preference: number; exchange: string }

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function token(rng: Rng, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng.next() * alphabet.length)] ?? 'x';
  return out;
}

function mailboxMx(plan: AddressPlan, setup: MailSetup, rng: Rng): { mx: Mx[]; spf: string } {
  const { domain } = setup;
  switch (setup.provider) {
    case 'google-workspace': {
      if (rng.chance(0.3)) return { mx: [{ preference: 1, exchange: plan.host('smtp.google.com', plan.shared('google', 0)) }], spf: 'include:_spf.google.com' };
      const hosts = ['aspmx.l.google.com', 'alt1.aspmx.l.google.com', 'alt2.aspmx.l.google.com', 'alt3.aspmx.l.google.com', 'alt4.aspmx.l.google.com'];
      const prefs = [1, 5, 5, 10, 10];
      return { mx: hosts.map((h, i) => ({ preference: prefs[i] ?? 10, exchange: plan.host(h, plan.shared('google', i + 1)) })), spf: 'include:_spf.google.com' };
    }
    case 'microsoft-365': {
      const host = `${domain.replaceAll('.', '-')}.mail.protection.outlook.com`;
      plan.add({ name: host, type: 'A', value: plan.shared('microsoft', rng.int(0, 7)) });
      return { mx: [{ preference: 0, exchange: host }], spf: 'include:spf.protection.outlook.com' };
    }
    case 'godaddy':
      return { mx: [{ preference: 0, exchange: plan.host('mailstore1.secureserver.net', plan.shared('godaddy', 10)) }, { preference: 10, exchange: plan.host('smtp.secureserver.net', plan.shared('godaddy', 11)) }], spf: 'include:secureserver.net' };
    case 'zoho':
      return { mx: [10, 20, 50].map((p, i) => ({ preference: p, exchange: plan.host(i === 0 ? 'mx.zoho.com' : `mx${i + 1}.zoho.com`, plan.shared('zoho', i)) })), spf: 'include:zoho.com' };
    case 'rackspace':
      return { mx: [10, 20].map((p, i) => ({ preference: p, exchange: plan.host(`mx${i + 1}.emailsrvr.com`, plan.shared('rackspace', i)) })), spf: 'include:emailsrvr.com' };
    case 'ionos':
      return { mx: [0, 1].map((i) => ({ preference: 10, exchange: plan.host(`mx0${i}.ionos.com`, plan.shared('ionos', i)) })), spf: 'include:_spf-us.ionos.com' };
    case 'namecheap':
      return { mx: [1, 2].map((i) => ({ preference: 10, exchange: plan.host(`mx${i}.privateemail.com`, plan.shared('namecheap', i)) })), spf: 'include:spf.privateemail.com' };
    case 'intermedia': {
      const n = String(rng.int(20, 99)).padStart(3, '0');
      return { mx: ['east', 'west'].map((side, i) => ({ preference: 10, exchange: plan.host(`${side}.smtp.mx.exch${n}.serverdata.net`, plan.shared('intermedia', i)) })), spf: 'include:spf.intermedia.net' };
    }
    case 'self-hosted': {
      const address = setup.onPremAddress ?? plan.shared('godaddy', 30);
      plan.add({ name: `mail.${domain}`, type: 'A', value: address });
      return { mx: [{ preference: 10, exchange: `mail.${domain}` }], spf: `ip4:${address} mx` };
    }
  }
}

function gatewayMx(plan: AddressPlan, gateway: GatewaySlug, rng: Rng): { mx: Mx[]; spf: string } {
  switch (gateway) {
    case 'proofpoint': {
      const id = String(rng.int(100000, 999999)).padStart(8, '0');
      const hosts = [`mx0a-${id}.pphosted.com`, `mx0b-${id}.pphosted.com`];
      hosts.forEach((h, i) => plan.add({ name: h, type: 'A', value: plan.shared('proofpoint', i) }));
      return { mx: hosts.map((h) => ({ preference: 10, exchange: h })), spf: 'include:%{ir}.%{v}.%{d}.spf.has.pphosted.com' };
    }
    case 'mimecast':
      return { mx: [1, 2].map((i) => ({ preference: 10, exchange: plan.host(`us-smtp-inbound-${i}.mimecast.com`, plan.shared('mimecast', i)) })), spf: 'include:_netblocks.mimecast.com' };
    case 'barracuda': {
      const id = rng.int(100000, 999999);
      const hosts = [`d${id}a.ess.barracudanetworks.com`, `d${id}b.ess.barracudanetworks.com`];
      hosts.forEach((h, i) => plan.add({ name: h, type: 'A', value: plan.shared('barracuda', i) }));
      return { mx: hosts.map((h) => ({ preference: 10, exchange: h })), spf: 'include:spf.ess.barracudanetworks.com' };
    }
  }
}

function addTokens(plan: AddressPlan, setup: MailSetup, rng: Rng): void {
  const { domain, provider } = setup;
  if (provider === 'google-workspace' || rng.chance(0.25)) {
    plan.add({ name: domain, type: 'TXT', value: `google-site-verification=${token(rng, 43)}` });
  }
  if (provider === 'microsoft-365') {
    plan.add({ name: domain, type: 'TXT', value: `MS=ms${rng.int(10000000, 99999999)}` });
    plan.add({ name: `autodiscover.${domain}`, type: 'CNAME', value: 'autodiscover.outlook.com' });
    if (rng.chance(0.4)) plan.add({ name: `enterpriseregistration.${domain}`, type: 'CNAME', value: 'enterpriseregistration.windows.net' });
  }
  if (provider === 'zoho') plan.add({ name: domain, type: 'TXT', value: `zoho-verification=zb${rng.int(10000000, 99999999)}.zmverify.zoho.com` });
  if (provider === 'self-hosted' && setup.onPremAddress) plan.add({ name: `autodiscover.${domain}`, type: 'A', value: setup.onPremAddress });
  if (rng.chance(0.5)) plan.add({ name: `_dmarc.${domain}`, type: 'TXT', value: `v=DMARC1; p=${rng.pick(['none', 'quarantine', 'reject'])}; rua=mailto:dmarc@${domain}` });
}

export function addMail(plan: AddressPlan, setup: MailSetup, rng: Rng): void {
  const box = mailboxMx(plan, setup, rng);
  const gate = setup.gateway ? gatewayMx(plan, setup.gateway, rng) : null;
  for (const mx of (gate ?? box).mx) plan.add({ name: setup.domain, type: 'MX', ...mx });
  const mechanisms = [gate?.spf, box.spf, setup.officeAddress ? `ip4:${setup.officeAddress}` : undefined].filter((m): m is string => Boolean(m));
  plan.add({ name: setup.domain, type: 'TXT', value: `v=spf1 ${mechanisms.join(' ')} ${rng.pick(['~all', '-all', '~all'])}` });
  addTokens(plan, setup, rng);
}

export function addVoip(plan: AddressPlan, domain: string, voip: VoipSlug, rng: Rng): void {
  switch (voip) {
    case 'microsoft-teams':
      plan.host('sipdir.online.lync.com', plan.shared('microsoft', 20));
      plan.host('sipfed.online.lync.com', plan.shared('microsoft', 21));
      plan.host('webdir.online.lync.com', plan.shared('microsoft', 22));
      plan.add({ name: `_sip._tls.${domain}`, type: 'SRV', priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' });
      plan.add({ name: `_sipfederationtls._tcp.${domain}`, type: 'SRV', priority: 100, weight: 1, port: 5061, target: 'sipfed.online.lync.com' });
      plan.add({ name: `sip.${domain}`, type: 'CNAME', value: 'sipdir.online.lync.com' });
      plan.add({ name: `lyncdiscover.${domain}`, type: 'CNAME', value: 'webdir.online.lync.com' });
      return;
    case 'ringcentral':
      plan.host('sip.ringcentral.com', plan.shared('ringcentral', 0));
      plan.add({ name: `_sip._tcp.${domain}`, type: 'SRV', priority: 10, weight: 10, port: 5060, target: 'sip.ringcentral.com' });
      return;
    case '8x8':
      plan.host('sip.8x8.com', plan.shared('eightbyeight', 0));
      plan.add({ name: `_sip._udp.${domain}`, type: 'SRV', priority: 10, weight: 10, port: 5060, target: 'sip.8x8.com' });
      return;
    case 'zoom-phone':
      plan.add({ name: domain, type: 'TXT', value: `ZOOM_verify_${token(rng, 22)}` });
      return;
  }
}
