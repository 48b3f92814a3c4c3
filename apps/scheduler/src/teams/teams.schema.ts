// The teams file: regional teams, their territories and members. Prospecting and sales
// teams are aligned by region; a teleprospecting team names the sales team it passes to.
import { z } from 'zod';

export const TEAM_KINDS = ['teleprospecting', 'sales'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const MEMBER_ROLES = ['rep', 'manager'] as const;
export const TIERS = ['A', 'B', 'C', 'D'] as const;
/** The name of the queue of leads outside every territory; no team may take it. */
export const UNASSIGNED_QUEUE = 'unassigned';

const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));

const territorySchema = z.strictObject({
  states: z.array(code.transform((s) => s.toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}$/, 'a two-letter state or province code such as TX'))).default([]),
  counties: z.array(code).default([]),
  postalPrefixes: z.array(code.pipe(z.string().regex(/^[0-9A-Za-z]{1,10}$/, 'digits or letters, such as "787"'))).default([]),
  industryCodes: z.array(code.pipe(z.string().regex(/^[0-9]{2,8}$/, 'an SIC or NAICS code (prefix), such as "7372"'))).default([]),
  tiers: z.array(z.enum(TIERS)).default([]),
});

const memberSchema = z.strictObject({
  name: z.string().trim().min(1),
  email: z.email().transform((e) => e.toLowerCase()),
  capacity: z.number().int().positive(),
  active: z.boolean().default(true),
  role: z.enum(MEMBER_ROLES).default('rep'),
});

const teamSchema = z
  .strictObject({
    name: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" or "-"').refine((n) => n.toLowerCase() !== UNASSIGNED_QUEUE, `"${UNASSIGNED_QUEUE}" names the queue of leads outside every territory`),
    kind: z.enum(TEAM_KINDS),
    passesTo: z.string().trim().min(1).optional(),
    territory: territorySchema,
    members: z.array(memberSchema).default([]),
  })
  .superRefine((team, ctx) => {
    if (team.kind === 'teleprospecting' && !team.passesTo) ctx.addIssue({ code: 'custom', path: ['passesTo'], message: 'a teleprospecting team must name the sales team it passes qualified leads to' });
    if (team.kind === 'sales' && team.passesTo) ctx.addIssue({ code: 'custom', path: ['passesTo'], message: 'only a teleprospecting team passes leads on' });
    const t = team.territory;
    if (!t.states.length && !t.counties.length && !t.postalPrefixes.length) ctx.addIssue({ code: 'custom', path: ['territory'], message: 'a territory needs at least one of states, counties, postalPrefixes' });
    const seen = new Set<string>();
    team.members.forEach((m, i) => {
      if (seen.has(m.email)) ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: `${m.email} is listed twice in this team` });
      seen.add(m.email);
    });
  });

export const teamsFileSchema = z
  .strictObject({ teams: z.array(teamSchema).min(1) })
  .superRefine((file, ctx) => {
    const byName = new Map<string, TeamSpec>();
    file.teams.forEach((team, i) => {
      if (byName.has(team.name)) ctx.addIssue({ code: 'custom', path: ['teams', i, 'name'], message: `team ${team.name} is defined twice` });
      byName.set(team.name, team);
    });
    file.teams.forEach((team, i) => {
      if (!team.passesTo) return;
      const target = byName.get(team.passesTo);
      if (!target) ctx.addIssue({ code: 'custom', path: ['teams', i, 'passesTo'], message: `no team named ${team.passesTo} in this file` });
      else if (target.kind !== 'sales') ctx.addIssue({ code: 'custom', path: ['teams', i, 'passesTo'], message: `${team.passesTo} is a ${target.kind} team; qualified leads go to a sales team` });
    });
  });

export type TeamsFile = z.output<typeof teamsFileSchema>;
export type TeamSpec = z.output<typeof teamSchema>;
export type MemberSpec = z.output<typeof memberSchema>;
export type TerritorySpec = z.output<typeof territorySchema>;
