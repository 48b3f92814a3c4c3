// One-click unsubscribe links (RFC 8058) carry a signed token, not a session: whoever holds
// the e-mail may unsubscribe that one subscription, and nobody can forge a token for another.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signUnsubscribeToken(secret: string, subscriptionId: number): string {
  return `${subscriptionId}.${mac(secret, subscriptionId)}`;
}

/** The subscription id the token names, or null when it is malformed or not ours. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

function mac(secret: string, subscriptionId: number): string {
  if (secret.length < 16) throw new Error('DIGEST_SIGNING_SECRET must hold at least 16 characters');
  return createHmac('sha256', secret).update(`unsubscribe:${subscriptionId}`).digest('base64url');
}
