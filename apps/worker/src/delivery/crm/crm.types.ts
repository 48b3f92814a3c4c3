// What a CRM connector is to the push: describe the target object, prepare it (the unique
// id property), upsert a batch and answer per record. Errors are typed by what happens next.
export const CRM_KINDS = ['hubspot', 'salesforce'] as const;
export type CrmKind = (typeof CRM_KINDS)[number];

export function isCrmKind(value: string): value is CrmKind {
  return (CRM_KINDS as readonly string[]).includes(value);
}

/** The upsert key property on each CRM, holding the prospect's stable id. */
export const CRM_ID_FIELD: Record<CrmKind, string> = { hubspot: 'prospector_id', salesforce: 'Prospector_Id__c' };
export const CRM_BATCH_CAP: Record<CrmKind, number> = { hubspot: 100, salesforce: 200 };

export type CrmValue = string | number | null;

export interface CrmFieldInfo {
  name: string;
  type: string;
  /** Values the CRM accepts (enumerations, restricted picklists); null = free. */
  options: string[] | null;
}

export interface CrmSchema {
  object: string;
  fields: Map<string, CrmFieldInfo>;
  /** The upsert key exists and is unique / an external id. */
  idFieldReady: boolean;
}

export interface CrmUpsertInput {
  key: string;
  properties: Record<string, CrmValue>;
}

export type CrmUpsertResult =
  | { key: string; outcome: 'sent'; crmId: string; created: boolean }
  /** The CRM refused the record as given: recorded, not retried. */
  | { key: string; outcome: 'rejected'; error: string }
  /** A transient per-record failure: the record stays pending for the job's next attempt. */
  | { key: string; outcome: 'retry'; error: string };

export interface CrmClient {
  readonly kind: CrmKind;
  readonly batchSize: number;
  describe(signal?: AbortSignal): Promise<CrmSchema>;
  /** Makes the mapped fields pushable (creates the id property where the CRM allows); throws CrmConfigError naming a field that cannot be. */
  prepare(fields: readonly string[], signal?: AbortSignal): Promise<void>;
  upsert(batch: readonly CrmUpsertInput[], signal?: AbortSignal): Promise<CrmUpsertResult[]>;
}

/** Worth another attempt later; `retryAfterMs` is when the CRM said to come back, if it did. */
export class CrmRetryError extends Error {
  override readonly name = 'CrmRetryError';
  constructor(message: string, readonly retryAfterMs: number | null) {
    super(message);
  }
}

/** The connection or the CRM's schema is wrong: no attempt can succeed until someone fixes it. */
export class CrmConfigError extends Error {
  override readonly name = 'CrmConfigError';
}
