// The lead page: the business, every answer with its confidence and evidence in plain
// words, score and reasons, history, a button per legal transition, a note form and a
// correction form.
import { ANSWER_FIELDS, type LeadDetail } from '../leads/lead.detail.ts';
import type { PersonAction } from '../leads/lead.states.ts';
import { esc, page, percent, type Viewer } from './rep.layout.ts';

const ACTION_LABELS: Record<PersonAction, string> = {
  claim: 'Claim', work: 'Start working', qualify: 'Qualify → sales', disqualify: 'Disqualify', won: 'Won', lost: 'Lost', 'pass-back': 'Pass back', note: 'Add note',
};

export interface LeadPageState {
  notice?: string | undefined;
  error?: string | undefined;
  /** Correction form: the values sent back and the error of each field. */
  correction?: { values: Record<string, string>; errors: Record<string, string>; outcome?: string } | undefined;
}

function answers(d: LeadDetail): string {
  return d.answers
    .map((a) => {
      const value = a.value === null ? `<em>unknown</em>` : `<strong>${esc(a.value)}</strong>`;
      const why = a.value === null
        ? `<p class="why">${esc(a.unknownReason ?? 'no evidence')}</p>`
        : a.evidence.length
          ? `<ul class="why">${a.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`
          : '';
      return `<li data-answer="${a.field}">${esc(a.label)}: ${value}${a.confidence !== null ? ` <span class="badge">${percent(a.confidence)}</span>` : ''}${why}</li>`;
    })
    .join('');
}

function actionForms(d: LeadDetail): string {
  const buttons = d.actions.filter((a) => a !== 'note' && a !== 'disqualify' && a !== 'pass-back');
  const simple = buttons.map((a) => `<form method="post" action="/my/leads/${d.id}/actions"><input type="hidden" name="action" value="${a}"><button type="submit" data-action="${a}">${esc(ACTION_LABELS[a])}</button></form>`).join('');
  const passBack = d.actions.includes('pass-back')
    ? `<form method="post" action="/my/leads/${d.id}/actions"><input type="hidden" name="action" value="pass-back"><button type="submit" class="secondary" data-action="pass-back">${ACTION_LABELS['pass-back']}</button></form>`
    : '';
  const disqualify = d.actions.includes('disqualify')
    ? `<form method="post" action="/my/leads/${d.id}/actions"><input type="hidden" name="action" value="disqualify"><label>Reason<input name="reason" required maxlength="2000" placeholder="e.g. out of business"></label><button type="submit" class="danger" data-action="disqualify">Disqualify</button></form>`
    : '';
  return simple + passBack + disqualify;
}

function correctionForm(d: LeadDetail, state: LeadPageState): string {
  const v = state.correction?.values ?? {};
  const err = state.correction?.errors ?? {};
  const fieldErr = (k: string) => (err[k] ? `<span class="fielderr" data-error="${k}">${esc(err[k])}</span>` : '');
  return `<form method="post" action="/my/leads/${d.id}/corrections" class="correction">
<label>Answer<select name="field" required>${ANSWER_FIELDS.map(([f, label]) => `<option value="${f}"${v.field === f ? ' selected' : ''}>${esc(label)}</option>`).join('')}</select>${fieldErr('field')}</label>
<label>Right value<input name="value" maxlength="200" value="${esc(v.value ?? '')}" placeholder="e.g. microsoft-365">${fieldErr('value')}</label>
<label><span><input type="checkbox" name="unknown" value="true"${v.unknown ? ' checked' : ''}> the right answer is unknown</span></label>
<label>How you know<textarea name="note" maxlength="2000" rows="2">${esc(v.note ?? '')}</textarea>${fieldErr('note')}</label>
<button type="submit" class="secondary">Send correction</button></form>
${state.correction?.outcome ? `<p class="info" role="status" data-correction="outcome">${esc(state.correction.outcome)}</p>` : ''}
<p class="why">A stored correction replaces the answer at once in exports, statistics, the report and the API, until a later scan confidently sees another value.</p>`;
}

export function renderLeadPage(d: LeadDetail, viewer: Viewer, state: LeadPageState = {}): string {
  const b = d.business;
  const place = [b.address, [b.city, b.region].filter(Boolean).join(', '), b.postalCode].filter(Boolean).join(' · ');
  const canWrite = d.actions.length > 0;
  const history = d.history
    .map((e) => `<li><time datetime="${esc(e.at)}">${esc(e.at.replace('T', ' ').slice(0, 19))}</time> <b>${esc(e.actor)}</b> ${esc(e.action)}${e.from !== e.to ? ` ${esc(e.from ?? '∅')} → ${esc(e.to)}` : ''}${e.team ? ` [${esc(e.team)}${e.rep ? `, ${esc(e.rep)}` : ''}]` : ''}${e.reason ? `: ${esc(e.reason)}` : ''}</li>`)
    .join('');
  const body = `<p><a href="/my/queue${d.team ? `?team=${encodeURIComponent(d.team)}` : ''}">← queue</a></p>
<h1>${esc(b.name)} <span class="badge" data-lead-status="${esc(d.status)}">${esc(d.status)}</span></h1>
${state.notice ? `<p class="notice" role="status">${esc(state.notice)}</p>` : ''}${state.error ? `<p class="alert" role="alert">${esc(state.error)}</p>` : ''}
<section class="card"><dl class="facts">
<dt>Address</dt><dd>${esc(place || 'unknown')}</dd>
<dt>Phone</dt><dd>${b.phone ? `<a href="tel:${esc(b.phone)}" data-tel>${esc(b.phone)}</a>` : 'unknown'}</dd>
<dt>Website</dt><dd>${b.website ? `<a href="${esc(b.website)}" rel="noopener noreferrer nofollow">${esc(b.website)}</a>` : 'none found'}</dd>
${b.email ? `<dt>E-mail</dt><dd>${esc(b.email)}</dd>` : ''}${b.employees !== null ? `<dt>Employees</dt><dd>${esc(b.employees)}</dd>` : ''}
<dt>Team</dt><dd>${esc(d.team ?? 'unassigned queue')} · ${esc(d.rep ?? 'unclaimed')}${d.passBacks ? ` · passed back ${d.passBacks}×` : ''}</dd>
<dt>Why here</dt><dd>${esc(d.routeReason)}</dd>${d.disqualifyReason ? `<dt>Disqualified</dt><dd>${esc(d.disqualifyReason)}</dd>` : ''}
</dl></section>
<section class="card"><h2>Score ${esc(d.score ?? '–')} · tier <span class="badge tier-${esc(d.tier ?? 'none')}">${esc(d.tier ?? '–')}</span></h2><ul>${d.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></section>
<section class="card"><h2>What we found</h2><ul class="answers">${answers(d)}</ul></section>
${canWrite ? `<section class="card"><h2>Next step</h2><div class="actions">${actionForms(d)}</div>
<h2>Note</h2><form method="post" action="/my/leads/${d.id}/actions" class="note"><input type="hidden" name="action" value="note"><label>Note<textarea name="reason" required maxlength="2000" rows="2" placeholder="called, left voicemail"></textarea></label><button type="submit" class="secondary" data-action="note">Add note</button></form>
<h2>Correct an answer</h2>${correctionForm(d, state)}</section>` : `<p class="info">You can read this lead but not change it.</p>`}
${timeline(d)}
<section class="card"><h2>History</h2><ol class="history">${history}</ol></section>`;
  return page(b.name, viewer, body);
}

const KIND_LABELS = { scan: 'Scan', change: 'Change', lead: 'Lead', correction: 'Correction' } as const;
const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** Scans, changes, moves and corrections in time order, then the provider periods they make. */
function timeline(d: LeadDetail): string {
  const items = d.timeline.items
    .map(
      (i) =>
        `<li class="tl-${i.kind}${i.muted ? ' muted' : ''}" data-timeline="${i.kind}"><time datetime="${esc(i.at)}">${esc(when(i.at))}</time>` +
        `<span class="tl-kind">${KIND_LABELS[i.kind]}</span> <span class="tl-title">${esc(i.title)}</span>${i.detail ? `<span class="tl-detail">${esc(i.detail)}</span>` : ''}</li>`,
    )
    .join('');
  const periods = d.timeline.periods
    .map(
      (p) =>
        `<tr data-period="${esc(p.field)}"><td>${esc(p.field)}</td><td><strong>${esc(p.value)}</strong></td><td>${esc(p.firstScan)}${p.firstScan !== p.lastScan ? ` – ${esc(p.lastScan)}` : ''}</td>` +
        `<td>${esc(when(p.from).slice(0, 10))} → ${p.to ? esc(when(p.to).slice(0, 10)) : '<em>now</em>'}</td></tr>`,
    )
    .join('');
  return `<section class="card" aria-label="Timeline"><h2>Timeline</h2>${items ? `<ol class="timeline">${items}</ol>` : '<p class="why">Nothing yet.</p>'}
${periods ? `<h2>Provider periods</h2><div class="scroll"><table class="periods"><thead><tr><th>Answer</th><th>Value</th><th>Scans</th><th>Valid</th></tr></thead><tbody>${periods}</tbody></table></div>` : ''}</section>`;
}
