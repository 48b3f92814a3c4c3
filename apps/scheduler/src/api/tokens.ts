// API tokens: shown once at creation, only their SHA-256 kept; they expire and can be
// revoked. A browser never holds one: the login form trades it for a session (sessions.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prospector/core';

/** viewer reads, ops does everything; rep and manager belong to a team member and reach only lead routes. */
export const ROLES = ['viewer', 'ops', 'rep', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export const MEMBER_TOKEN_ROLES: readonly Role[] = ['rep', 'manager'];

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Who a valid credential speaks for. */
export interface Credential {
  tokenId: number;
  name: string;
  role: Role;
  expiresAt: Date | null;
  /** The team member a rep or manager token belongs to. */
  memberEmail: string | null;
}

export interface CreateTokenOptions {
  /** null or absent: never expires. */
  expiresAt?: Date | null;
  /** The team member a rep or manager token speaks for (required for those roles, refused for others). */
  memberEmail?: string;
}

export class TokenRequestError extends Error {
  override name = 'TokenRequestError';
}

/** Returns the token in clear text: it is never stored and cannot be shown again. */
export async function createApiToken(prisma: PrismaClient, role: Role, name: string, options: CreateTokenOptions = {}): Promise<string> {
  const email = options.memberEmail?.trim().toLowerCase() || null;
  if (MEMBER_TOKEN_ROLES.includes(role)) {
    if (!email) throw new TokenRequestError(`a ${role} token belongs to a team member: give --member EMAIL`);
    const member = await prisma.teamMember.findFirst({ where: { email } });
    if (!member) throw new TokenRequestError(`${email} is not a member of any team (prospector teams list)`);
    if (role === 'manager' && !(await prisma.teamMember.findFirst({ where: { email, role: 'manager' } }))) {
      throw new TokenRequestError(`${email} manages no team (role: manager in the teams file)`);
    }
  } else if (email) throw new TokenRequestError(`a ${role} token is not bound to a member; leave out --member`);
  const token = `pk_${randomBytes(24).toString('base64url')}`;
  await prisma.apiToken.create({ data: { name, role, tokenHash: hashSecret(token), expiresAt: options.expiresAt ?? null, memberEmail: email } });
  return token;
}

interface TokenRow {
  id: number;
  name: string;
  role: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  memberEmail: string | null;
}

/** The credential of a token row, or null when it is revoked, expired or of an unknown role. */
export function credentialOf(row: TokenRow, now: Date): Credential | null {
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!(ROLES as readonly string[]).includes(row.role)) return null;
  return { tokenId: row.id, name: row.name, role: row.role as Role, expiresAt: row.expiresAt, memberEmail: row.memberEmail };
}

export async function resolveApiToken(prisma: PrismaClient, token: string, now = new Date()): Promise<Credential | null> {
  if (!token.startsWith('pk_') || token.length > 200) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  return row ? credentialOf(row, now) : null;
}
