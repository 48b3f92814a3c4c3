import { describe, expect, it } from 'vitest';
import { parseTeamsFile, TeamsFileError } from './teams.file.ts';

const ISSUE_EXAMPLE = `teams:
  - name: austin-tp
    kind: teleprospecting
    passesTo: austin-sales
    territory: { states: [TX], postalPrefixes: ["786", "787"], counties: [Travis] }
    members:
      - { name: Dana Reyes, email: dana.reyes@example.com, capacity: 60 }
  - name: austin-sales
    kind: sales
    territory: { states: [TX], postalPrefixes: ["786", "787"] }
    members:
      - { name: Lee Park, email: lee.park@example.com, capacity: 100 }
`;

function problems(source: string): string[] {
  try {
    parseTeamsFile(source, 'teams.yaml');
  } catch (error) {
    if (error instanceof TeamsFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('teams file', () => {
  it('accepts the shape of the issue, with defaults filled in', () => {
    const file = parseTeamsFile(ISSUE_EXAMPLE);
    expect(file.teams.map((t) => [t.name, t.kind, t.passesTo])).toEqual([['austin-tp', 'teleprospecting', 'austin-sales'], ['austin-sales', 'sales', undefined]]);
    expect(file.teams[0]?.territory).toEqual({ states: ['TX'], postalPrefixes: ['786', '787'], counties: ['Travis'], industryCodes: [], tiers: [] });
    expect(file.teams[0]?.members[0]).toEqual({ name: 'Dana Reyes', email: 'dana.reyes@example.com', capacity: 60, active: true, role: 'rep' });
  });

  it('accepts the same teams as JSON', () => {
    const json = JSON.stringify({ teams: parseTeamsFile(ISSUE_EXAMPLE).teams });
    expect(parseTeamsFile(json).teams).toHaveLength(2);
  });

  it('names the line and field of every problem', () => {
    const bad = ISSUE_EXAMPLE.replace('capacity: 60', 'capacity: -1').replace('kind: sales', 'kind: field-sales').replace('email: lee.park@example.com', 'email: lee.park');
    expect(problems(bad)).toEqual([
      expect.stringMatching(/^line 7, teams\[0\]\.members\[0\]\.capacity: .*>0/),
      expect.stringMatching(/^line 9, teams\[1\]\.kind: .*teleprospecting.*sales/),
      expect.stringMatching(/^line 12, teams\[1\]\.members\[0\]\.email: /),
    ]);
  });

  it('refuses a passesTo that names no sales team, and a duplicate team', () => {
    const bad = ISSUE_EXAMPLE.replace('passesTo: austin-sales', 'passesTo: dallas-sales').replace('name: austin-sales', 'name: austin-tp');
    const found = problems(bad);
    expect(found).toContainEqual('line 8, teams[1].name: team austin-tp is defined twice');
    expect(found).toContainEqual('line 4, teams[0].passesTo: no team named dallas-sales in this file');
  });

  it('reports a missing field at its parent, an unknown field by name, and broken YAML by line', () => {
    expect(problems('teams:\n  - name: x\n    kind: sales\n')).toEqual([expect.stringMatching(/^line 2, teams\[0\]\.territory: /)]);
    expect(problems(ISSUE_EXAMPLE.replace('kind: sales', 'kind: sales\n    colour: red'))).toContainEqual(expect.stringMatching(/^line 8, teams\[1\]: .*colour/));
    expect(problems('teams:\n  - name: [x\n')).toEqual([expect.stringMatching(/^line [23]: not valid YAML or JSON/)]);
  });

  it('refuses the reserved queue name and a territory with no geography', () => {
    const found = problems('teams:\n  - name: unassigned\n    kind: sales\n    territory: { tiers: [A] }\n');
    expect(found).toContainEqual(expect.stringMatching(/^line 2, teams\[0\]\.name: .*outside every territory/));
    expect(found).toContainEqual(expect.stringMatching(/^line 4, teams\[0\]\.territory: a territory needs/));
  });
});
