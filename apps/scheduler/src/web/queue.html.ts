// "My queue": a team's leads with counts per state, filters and sortable columns, all
// plain links and GET forms (no script).
import type { LeadListItem } from '../leads/lead.queries.ts';
import { LEAD_STATUSES } from '../leads/lead.states.ts';
import { esc, page, type Viewer } from './rep.layout.ts';

export const SORTS = ['priority', 'score', 'name', 'status', 'city', 'activity'] as const;
export type QueueSort = (typeof SORTS)[number];

export interface QueueFilters {
  team: string;
  status?: string | undefined;
  tier?: string | undefined;
  isp?: string | undefined;
  region?: string | undefined;
  city?: string | undefined;
  sort: QueueSort;
  dir: 'asc' | 'desc';
}

export function filterAndSort(items: LeadListItem[], f: QueueFilters): LeadListItem[] {
  const keep = items.filter(
    (l) =>
      (!f.status || l.status === f.status) &&
      (!f.tier || (l.tier ?? '-') === f.tier) &&
      (!f.isp || (l.isp ?? 'unknown') === f.isp) &&
      (!f.region || l.region === f.region) &&
      (!f.city || l.city === f.city),
  );
  if (f.sort === 'priority') return f.dir === 'desc' ? keep.reverse() : keep; // listLeads already gives priority order
  const key: Record<Exclude<QueueSort, 'priority'>, (l: LeadListItem) => string | number> = {
    score: (l) => l.score ?? -1,
    name: (l) => l.name.toLowerCase(),
    status: (l) => LEAD_STATUSES.indexOf(l.status),
    city: (l) => l.city ?? '',
    activity: (l) => l.lastActivityAt,
  };
  const k = key[f.sort];
  const sign = f.dir === 'desc' ? -1 : 1;
  return [...keep].sort((a, b) => {
    const x = k(a);
    const y = k(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.id - b.id;
  });
}

function options(values: string[], selected: string | undefined, any: string): string {
  return [`<option value="">${esc(any)}</option>`, ...values.map((v) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`)].join('');
}

export function renderQueue(o: { viewer: Viewer; teams: string[]; all: LeadListItem[]; shown: LeadListItem[]; filters: QueueFilters; notice?: string | undefined }): string {
  const f = o.filters;
  const counts = LEAD_STATUSES.map((s) => [s, o.all.filter((l) => l.status === s).length] as const).filter(([, n]) => n > 0);
  const distinct = (pick: (l: LeadListItem) => string | null, unknown?: string) => [...new Set(o.all.map((l) => pick(l) ?? unknown ?? ''))].filter(Boolean).sort();
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ team: f.team, status: f.status, tier: f.tier, isp: f.isp, region: f.region, city: f.city, sort: f.sort, dir: f.dir, ...extra })) if (v) q.set(k, v);
    return `/my/queue?${q.toString()}`;
  };
  const th = (sort: QueueSort, label: string) => {
    const active = f.sort === sort;
    const dir = active && f.dir === 'asc' ? 'desc' : 'asc';
    return `<th${active ? ` aria-sort="${f.dir === 'asc' ? 'ascending' : 'descending'}"` : ''}><a href="${esc(query({ sort, dir }))}" data-sort="${sort}">${esc(label)}${active ? (f.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
  };
  const rows = o.shown
    .map(
      (l) => `<tr data-lead="${l.id}" data-status="${esc(l.status)}"><td data-label="Business"><a href="/my/leads/${l.id}">${esc(l.name)}</a><br><small>${esc(l.externalId)}</small></td>
<td data-label="Place">${esc([l.city, l.region].filter(Boolean).join(', '))} ${esc(l.postalCode ?? '')}</td>
<td data-label="Tier"><span class="badge tier-${esc(l.tier ?? 'none')}">${esc(l.tier ?? '–')}</span></td><td class="num" data-label="Score">${esc(l.score ?? '–')}</td>
<td data-label="ISP">${esc(l.isp ?? 'unknown')}</td><td data-label="Status"><span class="badge">${esc(l.status)}</span></td><td data-label="Rep">${esc(l.repName ?? 'unclaimed')}</td></tr>`,
    )
    .join('\n');
  const body = `<h1>Queue of ${esc(f.team)}</h1>
${o.notice ? `<p class="notice" role="status">${esc(o.notice)}</p>` : ''}
<ul class="counts" aria-label="leads per state">${counts.map(([s, n]) => `<li data-count="${s}">${esc(s)} <b>${n}</b></li>`).join('') || '<li>no leads</li>'}</ul>
<form class="filters" method="get" action="/my/queue">
<label>Team<select name="team">${o.teams.map((t) => `<option${t === f.team ? ' selected' : ''}>${esc(t)}</option>`).join('')}</select></label>
<label>Status<select name="status">${options(counts.map(([s]) => s), f.status, 'any')}</select></label>
<label>Tier<select name="tier">${options(distinct((l) => l.tier, '-'), f.tier, 'any')}</select></label>
<label>ISP<select name="isp">${options(distinct((l) => l.isp, 'unknown'), f.isp, 'any')}</select></label>
<label>Region<select name="region">${options(distinct((l) => l.region), f.region, 'any')}</select></label>
<label>City<select name="city">${options(distinct((l) => l.city), f.city, 'any')}</select></label>
<input type="hidden" name="sort" value="${esc(f.sort)}"><input type="hidden" name="dir" value="${esc(f.dir)}">
<button type="submit">Filter</button> <a href="/my/queue?team=${encodeURIComponent(f.team)}">clear</a></form>
<p>${o.shown.length} of ${o.all.length} leads${f.sort === 'priority' ? ', highest priority first (tier, then score)' : ''}.</p>
<table class="queue"><thead><tr>${th('name', 'Business')}${th('city', 'Place')}${th('priority', 'Tier')}${th('score', 'Score')}<th>ISP</th>${th('status', 'Status')}<th>Rep</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No lead matches.</td></tr>'}</tbody></table>`;
  return page(`Queue of ${f.team}`, o.viewer, body);
}
