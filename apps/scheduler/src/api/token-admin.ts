// What `prospector token list | revoke` and `create --expires` need: listing, revoking
// by id or name, and reading an expiry such as 90d.
import type { PrismaClient } from '@prospector/core';

export class TokenAdminError extends Error {
  override readonly name = 'TokenAdminError';
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90d`, `12h`, `30m`, an ISO date, or `never` (null). */
export function parseExpiry(value: string, now = new Date()): Date | null {
  const v = value.trim();
  if (v === 'never') return null;
  const relative = /^(\d{1,6})([mhd])$/.exec(v);
  if (relative) {
    const n = Number(relative[1]);
    if (n <= 0) throw new TokenAdminError(`--expires ${value}: the duration must be positive`);
    return new Date(now.getTime() + n * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  }
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(v) ? new Date(v) : null;
  if (!date || Number.isNaN(date.getTime())) throw new TokenAdminError(`--expires ${value}: expected a duration such as 90d, 12h or 30m, a date (2027-03-01), or never`);
  if (date <= now) throw new TokenAdminError(`--expires ${value}: that date is in the past`);
  return date;
}

export type TokenStatus = 'active' | 'revoked' | 'expired';

export interface TokenSummary {
  id: number;
  name: string;
  role: string;
  status: TokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

type TokenRow = Omit<TokenSummary, 'status'>;

function summaryOf(r: TokenRow, now: Date): TokenSummary {
  const status: TokenStatus = r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt <= now ? 'expired' : 'active';
  return { id: r.id, name: r.name, role: r.role, status, createdAt: r.createdAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt };
}

export async function listApiTokens(prisma: PrismaClient, now = new Date()): Promise<TokenSummary[]> {
  const rows = await prisma.apiToken.findMany({ orderBy: { id: 'asc' } });
  return rows.map((r) => summaryOf(r, now));
}

export function formatTokenTable(tokens: TokenSummary[]): string {
  if (!tokens.length) return 'no tokens (create one with: prospector token create --role viewer|ops)';
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const rows = [['ID', 'NAME', 'ROLE', 'STATUS', 'CREATED', 'EXPIRES'], ...tokens.map((t) => [String(t.id), t.name, t.role, t.status, day(t.createdAt), t.expiresAt ? day(t.expiresAt) : 'never'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/**
 * Revokes the token with this id, or the one active token with this name; a name shared
 * by several active tokens is refused with their ids, so one `revoke` never takes out more
 * than the operator meant. Its browser sessions end with it.
 */
export async function revokeApiToken(prisma: PrismaClient, idOrName: string, now = new Date()): Promise<TokenSummary> {
  const byId = /^\d{1,9}$/.test(idOrName) ? await prisma.apiToken.findUnique({ where: { id: Number(idOrName) } }) : null;
  let row = byId;
  if (!row) {
    const named = await prisma.apiToken.findMany({ where: { name: idOrName, revokedAt: null }, orderBy: { id: 'asc' } });
    if (named.length > 1) throw new TokenAdminError(`${named.length} active tokens are named "${idOrName}" (ids ${named.map((t) => t.id).join(', ')}): revoke one by id`);
    row = named[0] ?? null;
  }
  if (!row) throw new TokenAdminError(`no token with id or name "${idOrName}" (see prospector token list)`);
  const revoked = row.revokedAt ? row : await prisma.apiToken.update({ where: { id: row.id }, data: { revokedAt: now } });
  await prisma.apiSession.deleteMany({ where: { tokenId: row.id } });
  return summaryOf(revoked, now);
}
