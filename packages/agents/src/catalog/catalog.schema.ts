// The shape of a provider entry. Strict objects: a misspelt field in an ops file is an
// error naming that field, not a fingerprint silently ignored.
import { z } from 'zod';

export const PROVIDER_KINDS = [
  'email',
  'email-gateway',
  'web-host',
  'cdn',
  'dns',
  'isp',
  'ecommerce',
  'cms',
  'voip',
  'parking',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** A host fingerprint: a suffix matched on a label boundary, or `/regex/` (case-insensitive). */
const hostPattern = z
  .string()
  .min(2)
  .refine((s) => !isRegexLiteral(s) || compiles(s.slice(1, -1)), { message: 'invalid regular expression' });

const regexString = z.string().min(1).refine(compiles, { message: 'invalid regular expression' });

const httpHeaderSchema = z.strictObject({
  name: z.string().min(1),
  valuePattern: regexString.optional(),
});

const tokenSchema = z.union([z.string().min(2), z.strictObject({ prefix: z.string().min(2), weak: z.boolean().default(false) })]);

/** The host fields a suffix or `/regex/` fingerprint is written in. */
export const HOST_FIELDS = ['mx', 'cname', 'ns', 'spfIncludes', 'srv', 'assetHosts', 'mailDomains'] as const;
export type HostField = (typeof HOST_FIELDS)[number];

/**
 * One fingerprint claimed by several providers (NS1's name servers serve Squarespace and
 * Netlify alike). Each claimant states it, naming the others and the one preferred when
 * nothing else in the evidence decides, so a shared suffix is a decision, not an accident
 * of file order.
 */
const sharedFingerprintSchema = z.strictObject({
  field: z.enum(HOST_FIELDS),
  fingerprint: z.string().min(2),
  with: z.array(z.string().min(1)).min(1),
  prefer: z.string().min(1),
  why: z.string().min(10),
});

const cidr = z.string().refine(isCidr, { message: 'expected an address prefix like 23.227.38.0/24' });

const fingerprintFields = {
  mx: z.array(hostPattern).optional(),
  cname: z.array(hostPattern).optional(),
  ns: z.array(hostPattern).optional(),
  spfIncludes: z.array(hostPattern).optional(),
  asns: z.array(z.number().int().positive()).optional(),
  /** Networks that number access lines: an address there is a customer of this ISP. */
  accessAsns: z.array(z.number().int().positive()).optional(),
  /** Documented service addresses (a platform's published A records). */
  ipPrefixes: z.array(cidr).optional(),
  ptrPatterns: z.array(regexString).optional(),
  httpHeaders: z.array(httpHeaderSchema).optional(),
  /** Case-insensitive substrings, or `/regex/`. */
  htmlMarkers: z.array(z.string().min(2)).optional(),
  metaGenerator: z.array(regexString).optional(),
  assetHosts: z.array(hostPattern).optional(),
  verificationTokens: z.array(tokenSchema).optional(),
  srv: z.array(hostPattern).optional(),
  /** ISPs: the mailbox domains they give subscribers (comcast.net): a weak hint only. */
  mailDomains: z.array(hostPattern).optional(),
  /** Fingerprints this provider shares with others, and how the tie is broken. */
  shared: z.array(sharedFingerprintSchema).optional(),
  /** Where each fingerprint comes from: field name → documentation URL. */
  source: z.record(z.string(), z.url()).optional(),
};

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/** A registrable domain the organisation itself runs (google.com): how a name found in the
 * evidence, or a world's ground truth, is matched to a catalog entry. */
const orgDomain = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a registrable domain like example.com');

export const providerSchema = z.strictObject({
  slug: slugSchema,
  name: z.string().min(1),
  /** The organisation's own registrable domains, canonical first. */
  domains: z.array(orgDomain).optional(),
  kinds: z.array(z.enum(PROVIDER_KINDS)).min(1),
  ...fingerprintFields,
});

/** An ops entry may name only the fields it changes when the slug already exists. */
export const providerPatchSchema = z.strictObject({
  slug: slugSchema,
  name: z.string().min(1).optional(),
  domains: z.array(orgDomain).optional(),
  kinds: z.array(z.enum(PROVIDER_KINDS)).min(1).optional(),
  ...fingerprintFields,
});

export const providerFileSchema = z.union([
  z.array(z.unknown()),
  z.object({ providers: z.array(z.unknown()), $comment: z.string().optional() }),
]);

export type ProviderEntry = z.output<typeof providerSchema>;
export type ProviderPatch = z.output<typeof providerPatchSchema>;
export type SharedFingerprint = z.output<typeof sharedFingerprintSchema>;

export function isRegexLiteral(s: string): boolean {
  return s.length > 2 && s.startsWith('/') && s.endsWith('/');
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

function isCidr(s: string): boolean {
  const m = /^([0-9a-f:.]+)\/(\d{1,3})$/i.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined) return false;
  const bits = Number(m[2]);
  return m[1].includes(':') ? bits <= 128 : bits <= 32 && /^\d{1,3}(\.\d{1,3}){3}$/.test(m[1]);
}
