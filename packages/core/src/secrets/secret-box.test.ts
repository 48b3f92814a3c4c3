import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { createSecretBox, isSealed, newSecretKey, sealedKeyId, SecretKeyError } from './secret-box.ts';

const TOKEN = 'pat-na1-0f6e2a3b-secret';

describe('a secret box with a key', () => {
  const box = createSecretBox([newSecretKey()]);

  it('seals into a value that names its key and holds nothing of the text, fresh each time', () => {
    const a = box.seal(TOKEN, 'crm-auth');
    const b = box.seal(TOKEN, 'crm-auth');
    expect(a).toMatch(/^sealed:v1:[0-9a-f]{12}:[A-Za-z0-9_-]+$/);
    expect(sealedKeyId(a)).toBe(box.currentKeyId);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(box.open(a, 'crm-auth')).toBe(TOKEN);
    expect(box.open('plain text stored before sealing', 'crm-auth')).toBe('plain text stored before sealing');
  });

  it('refuses a value sealed for another use, or altered', () => {
    const sealed = box.seal(TOKEN, 'crm-auth');
    expect(() => box.open(sealed, 'webhook-secret')).toThrow(/does not open: it was altered, or sealed for another use/);
    const body = sealed.slice(sealed.lastIndexOf(':') + 1);
    const flipped = `${sealed.slice(0, sealed.length - body.length)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => box.open(flipped, 'crm-auth')).toThrow(SecretKeyError);
    expect(() => box.open(`${sealed.slice(0, sealed.length - body.length)}AAAA`, 'crm-auth')).toThrow(/truncated/);
  });

  it('says which key a value needs when the box lacks it', () => {
    const other = createSecretBox([newSecretKey()]);
    const sealed = other.seal(TOKEN, 'webhook-secret');
    expect(() => box.open(sealed, 'webhook-secret')).toThrow(new RegExp(`sealed with key ${other.currentKeyId}, which is not in SECRETS_KEYS \\(it holds ${box.currentKeyId}\\)`));
    expect(() => createSecretBox([]).open(sealed, 'webhook-secret')).toThrow(/SECRETS_KEYS is empty/);
  });
});

describe('rotation', () => {
  it('opens values under every listed key, seals with the first, and flags what to reseal', () => {
    const oldKey = newSecretKey();
    const before = createSecretBox([oldKey]);
    const sealed = before.seal(TOKEN, 'crm-auth');
    const rotating = createSecretBox([newSecretKey(), oldKey]);
    expect(rotating.open(sealed, 'crm-auth')).toBe(TOKEN);
    expect(rotating.needsReseal(sealed)).toBe(true);
    expect(rotating.needsReseal('in the clear')).toBe(true);
    const resealed = rotating.seal(rotating.open(sealed, 'crm-auth'), 'crm-auth');
    expect(rotating.needsReseal(resealed)).toBe(false);
    expect(sealedKeyId(resealed)).not.toBe(sealedKeyId(sealed));
  });
});

describe('without a key', () => {
  it('stores text as given and has nothing to reseal', () => {
    const box = createSecretBox([]);
    expect(box.sealing).toBe(false);
    expect(box.seal(TOKEN, 'crm-auth')).toBe(TOKEN);
    expect(isSealed(box.seal(TOKEN, 'crm-auth'))).toBe(false);
    expect(box.needsReseal(TOKEN)).toBe(false);
  });
});

describe('SECRETS_KEYS', () => {
  it('is read as a comma list of base64 32-byte keys; a wrong one fails naming the variable and the key', () => {
    const [a, b] = [newSecretKey(), newSecretKey()];
    expect(loadConfig({ SECRETS_KEYS: `${a}, ${b}` }).SECRETS_KEYS).toEqual([a, b]);
    expect(loadConfig({}).SECRETS_KEYS).toEqual([]);
    expect(() => loadConfig({ SECRETS_KEYS: `${a},c2hvcnQ=` })).toThrow(ConfigError);
    expect(() => loadConfig({ SECRETS_KEYS: `${a},c2hvcnQ=` })).toThrow(/SECRETS_KEYS: key 2: expected 32 bytes written in base64 \(44 characters\), got 5 bytes/);
    expect(() => loadConfig({ SECRETS_KEYS: `${a.slice(0, 40)}!!!=` })).toThrow(/SECRETS_KEYS: key 1/);
  });
});
