import { describe, expect, it } from 'vitest';
import type { CrmSchema } from '@prospector/worker';
import { createCrmSchemaCache } from './crm-schema-cache.ts';

const schema = (object: string): CrmSchema => ({ object, fields: new Map(), idFieldReady: true });

describe('the automatic push keeps CRM schemas', () => {
  it('describes once per key within the TTL, again after it', async () => {
    let clock = 0;
    let calls = 0;
    const cache = createCrmSchemaCache(1000, () => clock);
    const describe = async () => (calls++, schema('companies'));
    await cache.get('hubspot|companies|1', describe);
    await cache.get('hubspot|companies|1', describe);
    expect(calls).toBe(1);
    await cache.get('hubspot|companies|2', describe);
    expect(calls).toBe(2);
    clock = 1000;
    await cache.get('hubspot|companies|1', describe);
    expect(calls).toBe(3);
  });

  it('keeps no failure: the next sweep describes again', async () => {
    const cache = createCrmSchemaCache(60_000);
    await expect(cache.get('k', async () => Promise.reject(new Error('CRM down')))).rejects.toThrow('CRM down');
    await expect(cache.get('k', async () => schema('Lead'))).resolves.toMatchObject({ object: 'Lead' });
  });
});
