import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prospector/core';

/** viewer reads, ops does everything; rep and manager belong to a team member and reach only lead routes. */
export const ROLES = ['viewer', 'ops', 'rep', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export const MEMBER_TOKEN_ROLES: readonly Role[] = ['rep', 'manager'];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class TokenRequestError extends Error {
  override name = 'TokenRequestError';
}

/** Returns the token in clear text: it is never stored and cannot be shown again. */
export async function createApiToken(prisma: PrismaClient, role: Role, name: string, memberEmail?: string): Promise<string> {
  const email = memberEmail?.trim().toLowerCase() || null;
  if (MEMBER_TOKEN_ROLES.includes(role)) {
    if (!email) throw new TokenRequestError(`a ${role} token belongs to a team member: give --member EMAIL`);
    const member = await prisma.teamMember.findFirst({ where: { email } });
    if (!member) throw new TokenRequestError(`${email} is not a member of any team (prospector teams list)`);
    if (role === 'manager' && !(await prisma.teamMember.findFirst({ where: { email, role: 'manager' } }))) {
      throw new TokenRequestError(`${email} manages no team (role: manager in the teams file)`);
    }
  } else if (email) throw new TokenRequestError(`a ${role} token is not bound to a member; leave out --member`);
  const token = `pk_${randomBytes(24).toString('base64url')}`;
  await prisma.apiToken.create({ data: { name, role, tokenHash: hash(token), memberEmail: email } });
  return token;
}

export interface TokenIdentity {
  role: Role;
  /** The team member a rep or manager token belongs to. */
  memberEmail: string | null;
}

export async function resolveTokenIdentity(prisma: PrismaClient, token: string): Promise<TokenIdentity | null> {
  if (!token.startsWith('pk_')) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.revokedAt) return null;
  if (!(ROLES as readonly string[]).includes(row.role)) return null;
  return { role: row.role as Role, memberEmail: row.memberEmail };
}

export async function resolveApiToken(prisma: PrismaClient, token: string): Promise<Role | null> {
  return (await resolveTokenIdentity(prisma, token))?.role ?? null;
}
