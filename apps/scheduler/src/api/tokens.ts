import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prospector/core';

export const ROLES = ['viewer', 'ops'] as const;
export type Role = (typeof ROLES)[number];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Returns the token in clear text: it is never stored and cannot be shown again. */
export async function createApiToken(prisma: PrismaClient, role: Role, name: string): Promise<string> {
  const token = `pk_${randomBytes(24).toString('base64url')}`;
  await prisma.apiToken.create({ data: { name, role, tokenHash: hash(token) } });
  return token;
}

export async function resolveApiToken(prisma: PrismaClient, token: string): Promise<Role | null> {
  if (!token.startsWith('pk_')) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.revokedAt) return null;
  return (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : null;
}
