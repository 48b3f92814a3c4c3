// A connection's credentials as stored: one sealed JSON object ({ sealed }) once
// SECRETS_KEYS is set, the plain object before (rows stored then still open, and
// `prospector secrets seal` seals them).
import type { Prisma, SecretBox } from '@prospector/core';

export type CrmAuth = Record<string, string>;

export function sealCrmAuth(secrets: SecretBox, auth: CrmAuth): Prisma.InputJsonObject {
  return secrets.sealing ? { sealed: secrets.seal(JSON.stringify(auth), 'crm-auth') } : auth;
}

/** The sealed value of stored credentials, or null for credentials stored in the clear. */
export function sealedCrmAuth(stored: unknown): string | null {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const sealed = (stored as Record<string, unknown>).sealed;
  return typeof sealed === 'string' ? sealed : null;
}

export function openCrmAuth(secrets: SecretBox, stored: unknown): CrmAuth {
  const sealed = sealedCrmAuth(stored);
  const value: unknown = sealed === null ? stored : JSON.parse(secrets.open(sealed, 'crm-auth'));
  const auth: CrmAuth = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') auth[key] = v;
  }
  return auth;
}

/** Whether the stored credentials would be stored differently now (plain, or under an older key). */
export function crmAuthNeedsReseal(secrets: SecretBox, stored: unknown): boolean {
  const sealed = sealedCrmAuth(stored);
  return sealed === null ? secrets.sealing : secrets.needsReseal(sealed);
}
