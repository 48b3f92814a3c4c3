// What a correction may say, checked before anything is stored: the field must be one we
// answer, a provider must be a catalog slug of the right kind (or an explicitly
// uncatalogued name), a domain must look like one.
import type { Catalog, ProviderKind } from '@prospector/agents';

/** Provider answers and the catalog kinds a slug for each must have. */
export const PROVIDER_FIELD_KINDS = {
  emailProvider: ['email'],
  emailGateway: ['email-gateway'],
  webHost: ['web-host', 'cdn'],
  dnsProvider: ['dns'],
  isp: ['isp'],
  ecommercePlatform: ['ecommerce'],
  cms: ['cms'],
  voipProvider: ['voip'],
} as const satisfies Record<string, readonly ProviderKind[]>;

export type ProviderField = keyof typeof PROVIDER_FIELD_KINDS;
export const PROVIDER_FIELDS = Object.keys(PROVIDER_FIELD_KINDS) as ProviderField[];
export const CORRECTION_FIELDS = ['domain', 'presence', 'status', 'duplicateOf', ...PROVIDER_FIELDS] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/** Fields a later scan answers too, so a confident change there can supersede the correction. */
export const SCANNED_FIELDS: readonly CorrectionField[] = ['domain', 'presence', ...PROVIDER_FIELDS];

export const PRESENCE_VALUES = ['website', 'social-only', 'none'] as const;
export const STATUS_VALUES = ['closed', 'active'] as const;
export const UNCATALOGUED_PREFIX = 'uncatalogued:';
/** "This business has none" for a provider, or no domain of its own. */
export const NONE = 'none';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export type CheckedValue = { ok: true; field: CorrectionField; value: string } | { ok: false; reason: string };

export function isCorrectionField(field: string): field is CorrectionField {
  return (CORRECTION_FIELDS as readonly string[]).includes(field);
}

/**
 * Normalises and validates one (field, value). `duplicateOf` is checked against the
 * campaign's prospects by the caller, since that needs the database.
 */
export function checkCorrectionValue(catalog: Catalog, rawField: string, rawValue: string): CheckedValue {
  const field = rawField.trim();
  const value = rawValue.trim();
  if (!isCorrectionField(field)) return { ok: false, reason: `unknown field "${field}" (expected one of ${CORRECTION_FIELDS.join(', ')})` };
  if (value === '') return { ok: false, reason: `empty value for ${field}` };
  const ok = (v: string): CheckedValue => ({ ok: true, field, value: v });
  switch (field) {
    case 'domain': {
      const domain = value.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[/.]+$/, '');
      if (domain === NONE) return ok(NONE);
      return DOMAIN.test(domain) ? ok(domain) : { ok: false, reason: `"${value}" is not a domain (or "none")` };
    }
    case 'presence':
      return (PRESENCE_VALUES as readonly string[]).includes(value) ? ok(value) : { ok: false, reason: `presence must be one of ${PRESENCE_VALUES.join(', ')}` };
    case 'status':
      return (STATUS_VALUES as readonly string[]).includes(value) ? ok(value) : { ok: false, reason: `status must be one of ${STATUS_VALUES.join(', ')}` };
    case 'duplicateOf':
      return ok(value);
    default:
      return checkProvider(catalog, field, value);
  }
}

function checkProvider(catalog: Catalog, field: ProviderField, value: string): CheckedValue {
  const kinds: readonly ProviderKind[] = PROVIDER_FIELD_KINDS[field];
  if (value.toLowerCase() === NONE) return { ok: true, field, value: NONE };
  if (value.toLowerCase().startsWith(UNCATALOGUED_PREFIX)) {
    const name = value.slice(UNCATALOGUED_PREFIX.length).trim();
    if (!/^[\w .&'-]{2,100}$/u.test(name)) return { ok: false, reason: `uncatalogued provider name "${name}" must be 2-100 letters, digits, spaces or . & ' -` };
    return { ok: true, field, value: `${UNCATALOGUED_PREFIX}${name}` };
  }
  const provider = catalog.get(value);
  if (!provider) return { ok: false, reason: `unknown provider slug "${value}" for ${field} (use ${UNCATALOGUED_PREFIX}NAME for one the catalog lacks)` };
  if (!kinds.some((kind) => catalog.hasKind(value, kind))) {
    return { ok: false, reason: `provider "${value}" is ${provider.kinds.join('/')}, not a ${kinds.join('/')} provider for ${field}` };
  }
  return { ok: true, field, value };
}
