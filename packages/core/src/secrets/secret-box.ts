// Credentials Prospector must use again (CRM tokens, webhook signing secrets) cannot be
// hashed like API tokens; they are sealed at rest with AES-256-GCM under a key kept outside
// the database (SECRETS_KEYS), so a dump or a replica of the database alone does not hand
// them out. The first key seals; every listed key opens, so a key is rotated by listing the
// new one first, running `prospector secrets seal`, then dropping the old one.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

/** What a sealed value is for: bound into the seal, so a value moved to another use does not open. */
export type SecretPurpose = 'crm-auth' | 'webhook-secret';

export interface SecretBox {
  /** True when a key is configured; without one, `seal` stores text as it is. */
  readonly sealing: boolean;
  /** The id of the key that seals (null without a key). */
  readonly currentKeyId: string | null;
  seal(text: string, purpose: SecretPurpose): string;
  /** Opens a sealed value; a value stored before sealing was turned on comes back as it is. */
  open(stored: string, purpose: SecretPurpose): string;
  /** Whether `seal` would store this value differently: plain text, or sealed under an older key. */
  needsReseal(stored: string): boolean;
}

interface Key {
  id: string;
  bytes: Buffer;
}

/** A key is 32 bytes, written in base64 (`prospector secrets new-key` prints one). */
export function parseSecretKey(text: string, where: string): Buffer {
  const bytes = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  if (bytes.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new SecretKeyError(`${where}: expected 32 bytes written in base64 (44 characters), got ${bytes.length} bytes`);
  }
  return bytes;
}

export function newSecretKey(): string {
  return randomBytes(32).toString('base64');
}

/** A key's id is public: it names the key a value was sealed with, never the key itself. */
function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update('prospector secret key id\0').update(bytes).digest('hex').slice(0, 12);
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The id of the key a value was sealed with, or null for plain text. */
export function sealedKeyId(stored: string): string | null {
  if (!isSealed(stored)) return null;
  return stored.slice(PREFIX.length).split(':', 1)[0] ?? null;
}

export function createSecretBox(keyTexts: readonly string[]): SecretBox {
  const keys: Key[] = keyTexts.map((text, i) => {
    const bytes = parseSecretKey(text, `SECRETS_KEYS key ${i + 1}`);
    return { id: keyIdOf(bytes), bytes };
  });
  const current = keys[0] ?? null;
  const byId = new Map(keys.map((k) => [k.id, k]));
  return {
    sealing: current !== null,
    currentKeyId: current?.id ?? null,
    seal(text, purpose) {
      if (current === null) return text;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${current.id}:${body.toString('base64url')}`;
    },
    open(stored, purpose) {
      if (!isSealed(stored)) return stored;
      const [id, encoded] = stored.slice(PREFIX.length).split(':', 2);
      const key = id === undefined ? undefined : byId.get(id);
      if (key === undefined) {
        throw new SecretKeyError(keys.length === 0
          ? `a stored ${purpose} is sealed (key ${id}) but SECRETS_KEYS is empty: set it to the key it was sealed with`
          : `a stored ${purpose} is sealed with key ${id}, which is not in SECRETS_KEYS (it holds ${keys.map((k) => k.id).join(', ')})`);
      }
      const body = Buffer.from(encoded ?? '', 'base64url');
      if (body.length < IV_BYTES + TAG_BYTES) throw new SecretKeyError(`a stored ${purpose} sealed with key ${id} is truncated`);
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, body.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyError(`a stored ${purpose} sealed with key ${id} does not open: it was altered, or sealed for another use`);
      }
    },
    needsReseal(stored) {
      if (current === null) return false;
      return sealedKeyId(stored) !== current.id;
    },
  };
}
