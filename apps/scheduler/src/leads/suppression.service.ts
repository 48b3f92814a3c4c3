// The do-not-contact / existing-customer list. A CSV with any of the columns domain,
// phone, name (and an optional reason); each filled cell becomes one entry. A business
// matching an entry never reaches a queue. The file is checked whole before anything is
// written, so a bad row changes nothing.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js';
import type { PrismaClient } from '@prospector/core';
import { nameKey, normalizeWebsite } from '../import/normalize.ts';
import { PhoneNormalizer } from '../import/phone.ts';

export const SUPPRESSION_KINDS = ['domain', 'phone', 'name'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export interface SuppressionEntry {
  kind: SuppressionKind;
  value: string;
  reason: string;
}

export class SuppressionFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was loaded\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SuppressionFileError';
  }
}

export function parseSuppressionCsv(text: string, file: string, country: CountryCode = 'US'): SuppressionEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new SuppressionFileError(file, [`not a readable CSV: ${(error as Error).message}`]);
  }
  const header = rows.length ? Object.keys(rows[0] ?? {}) : parse(text, { to_line: 1 })[0] ?? [];
  if (!SUPPRESSION_KINDS.some((k) => (header as string[]).map((h) => String(h).trim().toLowerCase()).includes(k))) {
    throw new SuppressionFileError(file, ['line 1: the header needs at least one of the columns domain, phone, name (and optionally reason)']);
  }
  const phones = new PhoneNormalizer(country);
  const problems: string[] = [];
  const entries: SuppressionEntry[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const reason = row.reason || 'do not contact';
    let any = false;
    const add = (kind: SuppressionKind, raw: string | undefined, normalize: (v: string) => string | null) => {
      if (!raw) return;
      any = true;
      const value = normalize(raw);
      if (value === null) problems.push(`line ${line}, ${kind}: "${raw}" is not a valid ${kind}`);
      else entries.push({ kind, value, reason });
    };
    add('domain', row.domain, (v) => (v.includes('.') ? normalizeWebsite(v) : null));
    add('phone', row.phone, (v) => phones.normalize(v).e164);
    add('name', row.name, (v) => nameKey(v));
    if (!any) problems.push(`line ${line}: no domain, phone or name`);
  });
  if (problems.length) throw new SuppressionFileError(file, problems);
  return entries;
}

export interface SuppressionLoadResult {
  entries: number;
  added: number;
  reasonChanged: number;
  unchanged: number;
}

export async function loadSuppressionFile(prisma: PrismaClient, file: string, country?: CountryCode): Promise<SuppressionLoadResult> {
  const entries = parseSuppressionCsv(await readFile(file, 'utf8'), file, country);
  const result: SuppressionLoadResult = { entries: entries.length, added: 0, reasonChanged: 0, unchanged: 0 };
  await prisma.$transaction(async (tx) => {
    for (const e of entries) {
      const before = await tx.suppression.findUnique({ where: { kind_value: { kind: e.kind, value: e.value } } });
      if (!before) {
        await tx.suppression.create({ data: { ...e, source: file } });
        result.added += 1;
      } else if (before.reason !== e.reason) {
        await tx.suppression.update({ where: { id: before.id }, data: { reason: e.reason, source: file } });
        result.reasonChanged += 1;
      } else result.unchanged += 1;
    }
  });
  return result;
}

export interface SuppressionMatcher {
  /** The reason a business is kept out of the queues, or null. */
  match(p: { name: string; phone: string | null; websiteDomain: string | null; emailDomain: string | null; foundDomain: string | null }): string | null;
}

export async function loadSuppressionMatcher(prisma: Pick<PrismaClient, 'suppression'>): Promise<SuppressionMatcher> {
  const rows = await prisma.suppression.findMany();
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.value}`, r]));
  const hit = (kind: SuppressionKind, value: string | null) => (value ? byKey.get(`${kind}:${value}`) : undefined);
  return {
    match(p) {
      const found =
        hit('domain', p.websiteDomain) ?? hit('domain', p.foundDomain) ?? hit('domain', p.emailDomain) ?? hit('phone', p.phone) ?? hit('name', nameKey(p.name));
      return found ? `suppressed: ${found.kind} ${found.value} (${found.reason})` : null;
    },
  };
}
