// The automatic push plans every campaign on every lead sweep (a minute by default), and each
// plan needs the CRM object's fields and picklists. Asked each time, that is a describe call
// per campaign per minute against the CRM's API allowance (Salesforce counts every one) for
// a schema that changes when an admin edits it. The sweep keeps each answer for a while; a
// push from the CLI still describes afresh.
import type { CrmSchema } from '@prospector/worker';

export interface CrmSchemaCache {
  /** The schema under `key` if described within the TTL, else `describe()`'s (a failure is not kept). */
  get(key: string, describe: () => Promise<CrmSchema>): Promise<CrmSchema>;
}

/** Ten minutes: a picklist value an admin adds is refused for at most that long, then sent. */
export const CRM_SCHEMA_TTL_MS = 10 * 60_000;

export function createCrmSchemaCache(ttlMs = CRM_SCHEMA_TTL_MS, now: () => number = Date.now): CrmSchemaCache {
  const entries = new Map<string, { at: number; schema: Promise<CrmSchema> }>();
  return {
    get(key, describe) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.schema;
      const schema = describe();
      entries.set(key, { at: now(), schema });
      schema.catch(() => {
        if (entries.get(key)?.schema === schema) entries.delete(key);
      });
      return schema;
    },
  };
}
