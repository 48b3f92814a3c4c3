// Three lists name the answer fields: the agents' (what a scan answers), history's (what it
// follows, kept import-free in core so a `--field` is checked without loading the agents) and
// the lead page's (in a rep's reading order, with labels). A field added to one and not the
// others would go unfollowed or unshown; this keeps them the same set.
import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS } from '@prospector/agents';
import { HISTORY_FIELDS } from '@prospector/core';
import { LEAD_PAGE_ANSWER_FIELDS as LEAD_PAGE_FIELDS } from '@prospector/scheduler';

const sorted = (fields: readonly string[]): string[] => [...fields].sort();

describe('the answer fields', () => {
  it('are the same set for the agents, for history (plus the tier) and for the lead page', () => {
    expect(sorted(HISTORY_FIELDS)).toEqual(sorted([...ANSWER_FIELDS, 'tier']));
    expect(sorted(LEAD_PAGE_FIELDS.map(([field]) => field))).toEqual(sorted(ANSWER_FIELDS));
  });
});
