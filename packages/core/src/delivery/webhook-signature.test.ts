// Our signer against the reference library: receivers using `standardwebhooks` must accept
// what we send, with one secret or with both secrets of a rotation, and refuse a tampered body.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { decodeWebhookSecret, generateWebhookSecret, signWebhook, WebhookSecretError } from './webhook-signature.ts';

const body = JSON.stringify({ type: 'scan.completed', timestamp: '2026-12-01T09:00:00.000Z', data: { scanId: 7 } });

describe('Standard Webhooks signatures', () => {
  it('verify with the reference library, for every secret of a rotation', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook([oldSecret, newSecret], 'msg_0123', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(newSecret).verify(body.replace('7', '8'), { ...headers })).toThrow();
  });

  it('matches the reference library byte for byte', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const ts = 1_764_579_600;
    const ours = signWebhook([secret], 'msg_p5jXN8AQM9LWM0D4loKWxJek', ts, body)['webhook-signature'];
    expect(ours).toBe(new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(ts * 1000), body));
  });

  it('refuses malformed secrets with the reason', () => {
    expect(() => decodeWebhookSecret('abc')).toThrow(WebhookSecretError);
    expect(() => decodeWebhookSecret('whsec_not base64!')).toThrow(/standard base64/);
    expect(() => decodeWebhookSecret('whsec_c2hvcnQ=')).toThrow(/24 to 64 bytes of key \(this one: 5\)/);
    expect(() => signWebhook([], 'msg', 1, body)).toThrow(/at least one secret/);
  });
});
