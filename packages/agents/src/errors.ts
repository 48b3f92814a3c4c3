// The error class is the retry policy (see STYLE.md): processors map these onto BullMQ
// without reading messages.

/** A failure worth retrying with backoff: timeouts, SERVFAIL, 5xx, connection resets. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(message: string, readonly kind: string = 'transient', options?: ErrorOptions) {
    super(message, options);
  }
}

/** A failure that retrying cannot fix: invalid input, a refused target. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  constructor(message: string, readonly kind: string = 'permanent', options?: ErrorOptions) {
    super(message, options);
  }
}

/** The remote side asked us to slow down; wait without spending an attempt. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(message: string, readonly retryAfterMs: number, options?: ErrorOptions) {
    super(message, options);
  }
}
