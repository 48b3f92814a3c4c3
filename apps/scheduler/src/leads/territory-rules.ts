// Declarative routing: each teleprospecting team's territory expands into rules (one per
// postal prefix and county; one per state only when it names neither, since then the
// states are the territory, while with prefixes or counties they just say which state
// those lie in: {states: [TX], postalPrefixes: ["787"]} is Austin, not all of Texas),
// optionally narrowed by industry codes or tiers. The most specific matching rule wins:
//   postal prefix (a longer prefix beats a shorter one) > county > state,
//   then a team narrowed by industry or tier beats one that is not,
//   then the team listed first in the teams file (the stated tie-break).
// Pure and deterministic: the same prospect and teams always give the same answer.

export interface RoutingTeam {
  id: number;
  name: string;
  position: number;
  territory: { states: string[]; counties: string[]; postalPrefixes: string[]; industryCodes: string[]; tiers: string[] };
}

export interface RoutingSubject {
  region: string | null;
  postalCode: string | null;
  county: string | null;
  industryCode: string | null;
  tier: string | null;
}

export interface TerritoryMatch {
  team: RoutingTeam;
  /** Stable id of the rule, e.g. "cle-tp/postal:441". */
  rule: string;
  /** Plain words: "postal prefix 441". */
  because: string;
  /** Other teams that also matched, less specifically or later in the file. */
  beaten: string[];
}

interface Candidate {
  team: RoutingTeam;
  rule: string;
  because: string;
  rank: number;
}

const countyKey = (c: string) => c.trim().toLowerCase().replace(/\s+(county|parish|borough)$/, '');

function candidatesFor(team: RoutingTeam, s: RoutingSubject): Candidate[] {
  const t = team.territory;
  if (t.industryCodes.length && !(s.industryCode && t.industryCodes.some((c) => s.industryCode?.startsWith(c)))) return [];
  if (t.tiers.length && !(s.tier && t.tiers.includes(s.tier))) return [];
  const narrowed = (t.industryCodes.length ? 1 : 0) + (t.tiers.length ? 1 : 0);
  const narrowedWords = [
    t.industryCodes.length ? `industry ${s.industryCode}` : '',
    t.tiers.length ? `tier ${s.tier}` : '',
  ].filter(Boolean);
  const suffix = narrowedWords.length ? `, ${narrowedWords.join(', ')}` : '';
  const out: Candidate[] = [];
  const region = s.region?.toUpperCase() ?? null;
  const inStates = !t.states.length || (region !== null && t.states.includes(region));
  const postal = s.postalCode?.replace(/\s+/g, '').toUpperCase() ?? '';
  for (const p of t.postalPrefixes) {
    // A prefix names a place in the team's states when it has any: 441 in OH, not 441 elsewhere.
    if (postal.startsWith(p.toUpperCase()) && inStates) out.push({ team, rule: `${team.name}/postal:${p}`, because: `postal prefix ${p}${suffix}`, rank: 300 + p.length * 10 + narrowed });
  }
  if (s.county && inStates) {
    const key = countyKey(s.county);
    const hit = t.counties.find((c) => countyKey(c) === key);
    if (hit) out.push({ team, rule: `${team.name}/county:${hit}`, because: `county ${hit}${suffix}`, rank: 200 + narrowed });
  }
  const wholeStates = !t.postalPrefixes.length && !t.counties.length;
  if (wholeStates && region !== null && t.states.includes(region)) out.push({ team, rule: `${team.name}/state:${region}`, because: `state ${region}${suffix}`, rank: 100 + narrowed });
  return out;
}

/** The team a prospect routes to, or null when it lies outside every territory. */
export function matchTerritory(teams: readonly RoutingTeam[], subject: RoutingSubject): TerritoryMatch | null {
  const all = teams.flatMap((team) => candidatesFor(team, subject));
  if (!all.length) return null;
  all.sort((a, b) => b.rank - a.rank || a.team.position - b.team.position || a.rule.localeCompare(b.rule));
  const best = all[0] as Candidate;
  const beaten = [...new Map(all.filter((c) => c.team.id !== best.team.id).map((c) => [c.team.id, c])).values()].map((c) =>
    c.rank === best.rank ? `${c.team.name} (${c.because}, equally specific: ${best.team.name} is listed first)` : `${c.team.name} (${c.because}, less specific)`,
  );
  return { team: best.team, rule: best.rule, because: best.because, beaten };
}
