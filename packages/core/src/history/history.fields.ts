// The fields history follows, named as the export names them, and the thresholds that
// decide what counts as a change. Kept free of imports so the CLI and API can validate
// a `--field` without loading Prisma.

/** The export's answer fields plus the tier: each gets periods and change events. */
export const HISTORY_FIELDS = [
  'presence',
  'domain',
  'emailProvider',
  'emailGateway',
  'webHost',
  'dnsProvider',
  'isp',
  'ecommercePlatform',
  'cms',
  'voipProvider',
  'tier',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** Event-only fields: no period, one event kind each. */
export const SIGNAL_FIELDS = ['website', 'score'] as const;
export const CHANGE_FIELDS = [...HISTORY_FIELDS, ...SIGNAL_FIELDS] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export const CHANGE_KINDS = ['changed', 'unconfirmed', 'not-seen', 'went-offline', 'came-back', 'score-moved'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * What is worth telling someone about (`prospect.changed`, digests, the lead page): a
 * claimed change or a site that went or came back, never an unconfirmed one or a "not
 * seen this time"; a flapping change is left out by every reader.
 */
export const NOTABLE_CHANGE_KINDS = ['changed', 'went-offline', 'came-back', 'score-moved'] as const satisfies readonly ChangeKind[];

/**
 * Both sides of a change must reach this for it to be claimed. It is the line the
 * playbook already draws between an answer and a "weak hint only" (competitorPart in
 * packages/agents/src/playbook/playbook.ts): below it an answer is a single weak clue,
 * and a "move" between two weak clues is mostly classifier noise.
 */
export const CHANGE_CONFIDENCE = 0.5;

/** A score that moves by at least this many points between two scans is an event. */
export const SCORE_MOVE_POINTS = 15;

export function isChangeField(value: string): value is ChangeField {
  return (CHANGE_FIELDS as readonly string[]).includes(value);
}
