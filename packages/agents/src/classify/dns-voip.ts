// DNS operator (from NS) and VoIP service (from SRV targets, CNAMEs of service hosts and
// verification tokens) of the business's domain.
import { insideDomain, unknown, Votes, type Answer, type ClassifyContext } from './answer.ts';

const VOIP_LABELS = new Set(['sip', 'lyncdiscover', 'voip', 'pbx', 'phone', 'meet', 'dialin']);

export function classifyDnsProvider(ctx: ClassifyContext): Answer {
  const dns = ctx.dns;
  if (!dns) return unknown(ctx.domain ? 'no DNS result for the domain' : 'no domain');
  if (dns.ns.length === 0) return unknown(dns.failures.some((f) => f.type === 'NS') ? 'NS lookup failed' : 'no NS records');
  const votes = new Votes();
  for (const ns of dns.ns) {
    for (const m of ctx.catalog.matchNs(ns)) {
      // Every NS agreeing is the norm; each one adds corroboration.
      if (m.provider.kinds.includes('dns')) votes.add(m.slug, 0.9, m.evidence);
    }
  }
  if (votes.size > 1) {
    // Several DNS services share one anycast network (NS1 serves both Squarespace and
    // Netlify): the one that also serves the site is the likelier operator.
    for (const slug of ctx.site?.technologies ?? []) {
      if (votes.has(slug)) votes.add(slug, 0.9, `the site itself is served by ${slug}`);
    }
  }
  if (votes.size > 0) {
    const answer = votes.pick();
    if (answer.value || !answer.reason?.startsWith('ambiguous')) return answer;
    // Still tied (NS1 name servers and a site hosted elsewhere): the catalog lists the
    // commoner small-business operator first; say so and lower the confidence.
    const [first] = votes.ranked();
    return { value: first!.slug, confidence: 0.5, evidence: [...first!.evidence, `shared name servers; ${first!.slug} assumed as the commoner operator`] };
  }
  const parked = dns.ns.flatMap((ns) => ctx.catalog.matchNs(ns)).find((m) => m.provider.kinds.includes('parking'));
  if (parked) return unknown(`name servers are ${parked.slug}'s parking service`);
  if (dns.ns.every((ns) => insideDomain(ns, dns.domain))) return unknown(`name servers inside the domain (${dns.ns.join(', ')})`);
  return unknown(`name servers not in the catalog (${dns.ns.slice(0, 2).join(', ')})`);
}

export function classifyVoip(ctx: ClassifyContext): Answer {
  const dns = ctx.dns;
  if (!dns) return unknown(ctx.domain ? 'no DNS result for the domain' : 'no domain');
  const votes = new Votes();
  const isVoip = (kinds: readonly string[]): boolean => kinds.includes('voip');
  for (const srv of dns.srv) {
    for (const m of ctx.catalog.matchSrv(srv.target)) {
      if (isVoip(m.provider.kinds)) votes.add(m.slug, 0.85, `${srv.name} ${m.evidence}`);
    }
  }
  for (const host of dns.hosts.filter((h) => VOIP_LABELS.has(h.label))) {
    for (const hop of host.cnameChain) {
      for (const m of ctx.catalog.matchCname(hop)) {
        if (isVoip(m.provider.kinds)) votes.add(m.slug, 0.8, `${host.name} ${m.evidence}`);
      }
    }
  }
  for (const token of dns.verificationTokens) {
    for (const m of ctx.catalog.matchVerificationToken(token)) {
      if (isVoip(m.provider.kinds)) votes.add(m.slug, m.weak ? 0.2 : 0.6, m.evidence + (m.weak ? ' (weak alone)' : ''));
    }
  }
  return votes.pick(0.3, 'no SIP SRV records, VoIP CNAMEs or tokens');
}
