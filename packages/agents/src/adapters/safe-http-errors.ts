// Maps a failure to the HttpErrorKind recorded in FetchResult, by error class and code (never by
// message text). Walks the `cause` chain because undici wraps connector errors.
import type { HttpErrorKind } from '../ports.ts';
import { BlockedAddressError, DnsLookupError, UntrustedCertificateError, errorCode } from './safe-http-connector.ts';
import { BodyDecodeError } from './safe-http-body.ts';

const CODE_KINDS: Record<string, HttpErrorKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  ENODATA: 'dns',
  ETIMEOUT: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'connect',
  EPIPE: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EADDRNOTAVAIL: 'connect',
  UND_ERR_SOCKET: 'connect',
  UND_ERR_CLOSED: 'connect',
  UND_ERR_HEADERS_OVERFLOW: 'too-large',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'too-large',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol',
  UND_ERR_INFO: 'protocol',
  EPROTO: 'tls',
  ECONNABORTED: 'connect',
};

export function classifyError(error: unknown): HttpErrorKind {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const kind = kindOf(current);
    if (kind) return kind;
    current = current instanceof Error ? current.cause : undefined;
  }
  return 'other';
}

function kindOf(error: unknown): HttpErrorKind | null {
  if (error instanceof BlockedAddressError) return 'blocked-address';
  if (error instanceof UntrustedCertificateError) return 'tls';
  if (error instanceof DnsLookupError) return 'dns';
  if (error instanceof BodyDecodeError) return 'protocol';
  const code = errorCode(error);
  const known = CODE_KINDS[code];
  if (known) return known;
  if (code.startsWith('HPE_')) return 'protocol';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT')) return 'tls';
  if (code.startsWith('Z_') || code.startsWith('ERR__ERROR') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') return 'protocol';
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  return null;
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
