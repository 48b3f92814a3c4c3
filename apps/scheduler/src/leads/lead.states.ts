// The lead lifecycle. Teleprospecting works a lead to qualified, which hands it to the
// region's sales team; a qualified lead that goes quiet turns stale and is passed back to
// the teleprospecting team that qualified it, to be re-ignited.
//   new → assigned → working → qualified → won | lost | stale
//   stale → passed-back → working (or claimed again) …
//   disqualified(reason) from any open state; a note from any state.

export const LEAD_STATUSES = ['new', 'assigned', 'working', 'qualified', 'won', 'lost', 'stale', 'passed-back', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const CLOSED_STATUSES: readonly LeadStatus[] = ['won', 'lost', 'disqualified'];
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = LEAD_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

/** What a person (or the scheduler, for stale) can do to a lead. */
export const LEAD_ACTIONS = ['claim', 'work', 'qualify', 'disqualify', 'won', 'lost', 'pass-back', 'note', 'stale'] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];
/** The actions of the `prospector lead ID <action>` command and the web page (stale is the scheduler's). */
export const PERSON_ACTIONS = ['claim', 'work', 'qualify', 'disqualify', 'won', 'lost', 'pass-back', 'note'] as const satisfies readonly LeadAction[];
export type PersonAction = (typeof PERSON_ACTIONS)[number];

const everyOpen = Object.fromEntries(OPEN_LEAD_STATUSES.map((s) => [s, 'disqualified'])) as Partial<Record<LeadStatus, LeadStatus>>;

const TRANSITIONS: Record<Exclude<LeadAction, 'note'>, Partial<Record<LeadStatus, LeadStatus>>> = {
  claim: { new: 'assigned', 'passed-back': 'assigned' },
  work: { assigned: 'working', 'passed-back': 'working' },
  qualify: { working: 'qualified' },
  won: { qualified: 'won' },
  lost: { qualified: 'lost' },
  stale: { qualified: 'stale' },
  'pass-back': { stale: 'passed-back' },
  disqualify: everyOpen,
};

export class IllegalTransitionError extends Error {
  override name = 'IllegalTransitionError';
  constructor(
    readonly status: LeadStatus,
    readonly action: LeadAction,
    readonly legal: LeadAction[],
  ) {
    super(`cannot ${action} a lead that is ${status}; legal now: ${legal.length ? legal.join(', ') : '(none)'}`);
  }
}

/** The status an action leads to (a note keeps it), or an error naming the legal actions. */
export function nextStatus(status: LeadStatus, action: LeadAction): LeadStatus {
  if (action === 'note') return status;
  const to = TRANSITIONS[action][status];
  if (!to) throw new IllegalTransitionError(status, action, legalActions(status));
  return to;
}

/** Every action allowed from a status, in lifecycle order; the scheduler's stale is left out. */
export function legalActions(status: LeadStatus): PersonAction[] {
  return PERSON_ACTIONS.filter((a) => a === 'note' || TRANSITIONS[a][status] !== undefined);
}

export function isLeadStatus(value: string): value is LeadStatus {
  return (LEAD_STATUSES as readonly string[]).includes(value);
}
