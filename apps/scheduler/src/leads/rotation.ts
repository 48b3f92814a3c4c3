// Round-robin over a team's members: the next active member below capacity after the
// team's cursor, in teams-file order. Inactive members and full ones are skipped and
// their turn is not kept for them, so nobody absorbs the turns of the absent
// (the complaint in Vacademy-io/vacademy_platform#2170) and nobody inactive is assigned
// (SuiteCRM/SuiteCRM#8935).

export interface RotationMember {
  id: number;
  name: string;
  email: string;
  capacity: number;
  active: boolean;
  /** Open leads the member carries now. */
  open: number;
}

export interface RotationPick {
  member: RotationMember | null;
  /** The cursor after this pick. */
  cursor: number;
  /** "rep Dana Reyes: next in rotation, 12 of 40 open" or why nobody was picked. */
  because: string;
}

export function pickMember(members: readonly RotationMember[], cursor: number): RotationPick {
  const n = members.length;
  if (n === 0) return { member: null, cursor, because: 'no members: waits in the team queue' };
  const skipped: string[] = [];
  for (let step = 0; step < n; step += 1) {
    const index = (((cursor + step) % n) + n) % n;
    const m = members[index] as RotationMember;
    if (!m.active) skipped.push(`${m.name} inactive`);
    else if (m.open >= m.capacity) skipped.push(`${m.name} full, ${m.open} of ${m.capacity}`);
    else {
      m.open += 1;
      const skip = skipped.length ? ` (skipped ${skipped.join('; ')})` : '';
      return { member: m, cursor: index + 1, because: `rep ${m.name}: next in rotation, ${m.open} of ${m.capacity} open${skip}` };
    }
  }
  return { member: null, cursor, because: `no active member below capacity (${skipped.join('; ')}): waits in the team queue` };
}
