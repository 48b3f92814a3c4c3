// The job catalog: per queue, the payload its jobs carry, the result its processor
// returns (what the pipeline and the retry policy read), and its retry policy. Each is
// declared here once; producers (the scheduler, the search and verify follow-ups) and
// workers all read it.
//
// Retry layers, and what one failing DNS name costs. The resolver sends a query up to
// DNS_TRIES packets (c-ares), and repeats a failed query DNS_RETRIES times with backoff:
// DNS_TRIES × (DNS_RETRIES + 1) packets per name per dns job (2 × 3 = 6 with the
// defaults). A dns job whose result still lists failed lookups is NOT run again: the
// failures are kept in the result and classify reads them. Only a job in which every
// lookup failed (the resolvers themselves unreachable: nothing was learnt) is retried,
// up to dns.attempts runs. So one failing name costs 6 packets when anything else
// answered and at most 6 × 3 = 18 when nothing did (before: 2 × 3 × 4 = 24 for any
// failing name, because any failure re-ran the whole agent).
import { z } from 'zod';
import type { QueueName } from './names.ts';

export const prospectJobSchema = z.object({ scanId: z.number().int().positive(), prospectId: z.number().int().positive() });
export const domainJobSchema = prospectJobSchema.extend({ domain: z.string().min(1).max(253) });
export type ProspectJobData = z.infer<typeof prospectJobSchema>;
/** A candidate to verify; `mailDomain` when the list's e-mail column names it (its DNS is read whatever the site shows). */
export const verifyJobSchema = domainJobSchema.extend({
  mailDomain: z.boolean().optional(),
  /** The prospect's later candidates, best-scored first: the next is verified only when this one is not confidently its site. */
  rest: z.array(z.object({ domain: z.string().min(1).max(253), mailDomain: z.boolean().optional() })).max(100).optional(),
});
export type DomainJobData = z.infer<typeof domainJobSchema>;
export type VerifyJobData = z.infer<typeof verifyJobSchema>;

export interface JobDataByQueue {
  search: ProspectJobData;
  dns: DomainJobData;
  verify: VerifyJobData;
  classify: ProspectJobData;
}

/** What each processor returns: small summaries (BullMQ keeps them in Redis), never evidence. */
export interface JobResultByQueue {
  /** The candidate domains selected for verify; `mailDomains`: those of them the list's e-mail column names. */
  search: { candidates: string[]; mailDomains: string[] };
  dns: { addresses: number; lookups: number; failedLookups: number; firstFailure: string | null };
  verify: {
    verdict: string;
    /** The fetch's error kind when the site could not be fetched. */
    fetchErrorKind: string | null;
    /**
     * Domains whose full DNS analysis classify will read: where a verified site landed (the
     * prospect's own domain), and a mail domain from the list whatever its site showed.
     */
    dnsDomains: string[];
    /**
     * Verified as confidently the prospect's site (see verify.processor.ts): the prospect's
     * later candidates, scored lower by search, need not be fetched.
     */
    confident?: boolean;
  };
  classify: { tier: string };
}

export interface RetryPolicy<Q extends QueueName> {
  /** Runs of a job in all, the first included. */
  attempts: number;
  /** Exponential backoff base: the n-th retry waits about base × 2^(n-1), ±50 % jitter. */
  backoffMs: number;
  /**
   * An outcome that came back as a value but is worth another run: returns the error kind
   * to record, or null when the result is final. Errors thrown by agents carry their own
   * decision (TransientError retries, PermanentError does not, RateLimitedError waits
   * without spending an attempt). The last attempt records whatever it got.
   */
  transientOutcome(result: JobResultByQueue[Q]): string | null;
  /** The same in words, for the README and logs. */
  transientWhen: string;
}

export interface CatalogEntry<Q extends QueueName> {
  payload: z.ZodType<JobDataByQueue[Q]>;
  retry: RetryPolicy<Q>;
}

/** Fetch failures that a site down for a moment produces; a blocked address or a bad certificate stays so. */
const TRANSIENT_FETCH_KINDS = new Set(['timeout', 'connect', 'refused', 'dns']);

export const JOB_CATALOG: { [Q in QueueName]: CatalogEntry<Q> } = {
  search: {
    payload: prospectJobSchema,
    retry: {
      attempts: 4,
      backoffMs: 1000,
      transientOutcome: () => null,
      transientWhen: 'the search provider failed (5xx, timeout: a TransientError); a 429 waits without spending an attempt',
    },
  },
  dns: {
    payload: domainJobSchema,
    retry: {
      attempts: 3,
      backoffMs: 1000,
      transientOutcome: (r) => (r.lookups > 0 && r.failedLookups === r.lookups ? `dns-${r.firstFailure ?? 'failed'}` : null),
      transientWhen: 'every lookup failed (the resolvers unreachable); partial failures are kept in the result, not retried',
    },
  },
  verify: {
    payload: verifyJobSchema,
    retry: {
      attempts: 3,
      backoffMs: 1000,
      transientOutcome: (r) => (r.verdict === 'unreachable' && r.fetchErrorKind !== null && TRANSIENT_FETCH_KINDS.has(r.fetchErrorKind) ? `http-${r.fetchErrorKind}` : null),
      transientWhen: 'the site was unreachable by timeout, refused or failed connection, or its name did not resolve',
    },
  },
  classify: {
    payload: prospectJobSchema,
    retry: {
      attempts: 3,
      backoffMs: 1000,
      transientOutcome: () => null,
      transientWhen: 'never by outcome; only failures thrown (Postgres)',
    },
  },
};

/** Overrides of every queue's policy (tests shorten backoff; ops may raise attempts). */
export interface RetryOverrides {
  attempts?: number;
  backoffMs?: number;
}

export function retryPolicyOf<Q extends QueueName>(queue: Q, overrides: RetryOverrides = {}): { attempts: number; backoffMs: number } {
  const policy = JOB_CATALOG[queue].retry;
  return { attempts: overrides.attempts ?? policy.attempts, backoffMs: overrides.backoffMs ?? policy.backoffMs };
}
