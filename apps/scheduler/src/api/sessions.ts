// Browser sessions: the login form trades a valid token for a random session secret in
// an HttpOnly cookie, so the token itself never sits in the browser's cookie jar. Only
// the secret's SHA-256 is stored; a session ends with its token (revoked or expired).
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prospector/core';
import { credentialOf, hashSecret, type Credential } from './tokens.ts';

export const SESSION_COOKIE = 'prospector_session';
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;
const SESSION_SECRET = /^ps_[A-Za-z0-9_-]{43}$/;

export interface NewSession {
  secret: string;
  expiresAt: Date;
}

export async function createSession(prisma: PrismaClient, credential: Credential, now = new Date()): Promise<NewSession> {
  const secret = `ps_${randomBytes(32).toString('base64url')}`;
  const cap = now.getTime() + SESSION_MAX_AGE_MS;
  const expiresAt = new Date(credential.expiresAt ? Math.min(cap, credential.expiresAt.getTime()) : cap);
  await prisma.apiSession.deleteMany({ where: { expiresAt: { lte: now } } });
  await prisma.apiSession.create({ data: { tokenId: credential.tokenId, secretHash: hashSecret(secret), expiresAt } });
  return { secret, expiresAt };
}

export async function resolveSession(prisma: PrismaClient, secret: string, now = new Date()): Promise<Credential | null> {
  if (!SESSION_SECRET.test(secret)) return null;
  const session = await prisma.apiSession.findUnique({ where: { secretHash: hashSecret(secret) }, include: { token: true } });
  if (!session || session.expiresAt <= now) return null;
  return credentialOf(session.token, now);
}

/** Cookie values by name; never throws, whatever the header holds. Values are not decoded: ours need no escaping. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}
