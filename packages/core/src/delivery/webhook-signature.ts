// Standard Webhooks 1.0 symmetric signatures: `v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`,
// where the secret is the base64 after `whsec_`. Every current secret signs, space-separated,
// so a receiver holding either the old or the new one accepts the message while it rotates.
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** The spec asks for 24 to 64 bytes of key. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
}

/** Decodes `whsec_<base64>`, refusing anything else with a reason. */
export function decodeWebhookSecret(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new WebhookSecretError(`a webhook secret starts with "${SECRET_PREFIX}"`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new WebhookSecretError('a webhook secret is "whsec_" followed by standard base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new WebhookSecretError(`a webhook secret holds ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes of key (this one: ${key.length})`);
  }
  return key;
}

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Signs one attempt: the timestamp is the attempt's, the id and body are the message's. */
export function signWebhook(secrets: readonly string[], id: string, timestampSeconds: number, body: string): SignedHeaders {
  if (secrets.length === 0) throw new WebhookSecretError('an endpoint needs at least one secret to sign with');
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map((secret) => `v1,${createHmac('sha256', decodeWebhookSecret(secret)).update(content).digest('base64')}`);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
