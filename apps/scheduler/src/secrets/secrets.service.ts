// `prospector secrets status|seal`: where stored credentials stand against SECRETS_KEYS, and
// sealing the ones stored in the clear or under an older key. Each row is rewritten by
// compare-and-set, so a Salesforce token refreshed by a worker meanwhile is not overwritten.
import { sealedKeyId, type PrismaClient, type SecretBox } from '@prospector/core';
import { crmAuthNeedsReseal, openCrmAuth, sealCrmAuth, sealedCrmAuth } from '@prospector/worker';

export class SecretsInputError extends Error {
  override readonly name = 'SecretsInputError';
}

/** How the stored values of one kind are held. */
export interface SecretsTally {
  plain: number;
  /** Sealed values per key id; the current key's id is `SecretsStatus.currentKeyId`. */
  sealedBy: Record<string, number>;
}

export interface SecretsStatus {
  currentKeyId: string | null;
  crmConnections: SecretsTally;
  webhookSecrets: SecretsTally;
  /** Values `seal` would rewrite: in the clear, or under a key other than the current one. */
  toSeal: number;
}

export interface SealOutcome {
  crmConnections: number;
  webhookSecrets: number;
  /** Values that could not be opened (sealed under a key SECRETS_KEYS lacks), left as they are. */
  unopened: string[];
}

function count(tally: SecretsTally, stored: string): void {
  const id = sealedKeyId(stored);
  if (id === null) tally.plain++;
  else tally.sealedBy[id] = (tally.sealedBy[id] ?? 0) + 1;
}

export async function secretsStatus(prisma: PrismaClient, box: SecretBox): Promise<SecretsStatus> {
  const status: SecretsStatus = { currentKeyId: box.currentKeyId, crmConnections: { plain: 0, sealedBy: {} }, webhookSecrets: { plain: 0, sealedBy: {} }, toSeal: 0 };
  const tally = (t: SecretsTally, stored: string): void => {
    count(t, stored);
    if (box.sealing && box.needsReseal(stored)) status.toSeal++;
  };
  for (const c of await prisma.crmConnection.findMany({ select: { auth: true } })) tally(status.crmConnections, sealedCrmAuth(c.auth) ?? '');
  for (const e of await prisma.webhookEndpoint.findMany({ select: { secrets: true } })) for (const s of e.secrets) tally(status.webhookSecrets, s);
  return status;
}

/** Seals every value stored in the clear or under an older key with the current key. */
export async function sealStoredSecrets(prisma: PrismaClient, box: SecretBox): Promise<SealOutcome> {
  if (!box.sealing) throw new SecretsInputError('SECRETS_KEYS is empty: set it to a key (prospector secrets new-key prints one) before sealing');
  const outcome: SealOutcome = { crmConnections: 0, webhookSecrets: 0, unopened: [] };
  for (const c of await prisma.crmConnection.findMany()) {
    if (!crmAuthNeedsReseal(box, c.auth)) continue;
    let auth: Record<string, string>;
    try {
      auth = openCrmAuth(box, c.auth);
    } catch (error) {
      outcome.unopened.push(`crm ${c.crm}: ${(error as Error).message}`);
      continue;
    }
    const { count: written } = await prisma.crmConnection.updateMany({ where: { crm: c.crm, updatedAt: c.updatedAt }, data: { auth: sealCrmAuth(box, auth) } });
    // A lost race means a worker just wrote the credentials, sealed with the current key.
    outcome.crmConnections += written;
  }
  for (const e of await prisma.webhookEndpoint.findMany({ select: { id: true, secrets: true } })) {
    if (!e.secrets.some((s) => box.needsReseal(s))) continue;
    let resealed: string[];
    try {
      resealed = e.secrets.map((s) => (box.needsReseal(s) ? box.seal(box.open(s, 'webhook-secret'), 'webhook-secret') : s));
    } catch (error) {
      outcome.unopened.push(`webhook endpoint ${e.id}: ${(error as Error).message}`);
      continue;
    }
    const written = await prisma.$executeRaw`UPDATE "WebhookEndpoint" SET secrets = ${resealed} WHERE id = ${e.id} AND secrets = ${e.secrets}`;
    if (written > 0) outcome.webhookSecrets += e.secrets.filter((s) => box.needsReseal(s)).length;
  }
  return outcome;
}
