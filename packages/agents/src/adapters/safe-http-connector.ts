// The only place the crawler opens sockets. Every connection (first request, redirect hop,
// reconnect) resolves the name here, refuses it if ANY answer is outside the address policy, and
// connects to the very address it checked: the socket is pinned by construction, so a rebinding
// resolver gains nothing by answering differently the second time. IP-literal hosts skip DNS in
// Node, so they are checked here too, before a socket exists.
import net from 'node:net';
import tls, { type PeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import { buildConnector, errors } from 'undici';
import type { TlsInfo } from '../ports.ts';
import type { AddressPolicy } from './address-policy.ts';

export type ResolveHost = (host: string) => Promise<string[]>;

export interface ConnectionRecord {
  remoteAddress: string;
  tls: TlsInfo | null;
}

export interface SafeConnectorOptions {
  policy: AddressPolicy;
  resolveHost: ResolveHost;
  connectTimeoutMs: number;
  /** Extra trust anchors; undefined means Node's root store. */
  secureContext: SecureContext | undefined;
  ports: { http: number; https: number };
  beforeConnect?: (ip: string) => Promise<void>;
  /** Told about every connection made, keyed by `protocol//host[:port]` (the URL origin). */
  onConnection: (origin: string, record: ConnectionRecord) => void;
}

export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'ERR_BLOCKED_ADDRESS';
  constructor(readonly host: string, readonly address: string, readonly reason: string) {
    super(`refused to connect to ${host}: ${address} is ${reason}`);
  }
}

export class UntrustedCertificateError extends Error {
  override readonly name = 'UntrustedCertificateError';
  readonly code = 'ERR_UNTRUSTED_CERTIFICATE';
  constructor(readonly host: string, readonly tls: TlsInfo) {
    super(`untrusted certificate for ${host}: ${tls.error ?? 'unknown reason'}`);
  }
}

export class DnsLookupError extends Error {
  override readonly name = 'DnsLookupError';
  constructor(readonly host: string, readonly code: string, options?: ErrorOptions) {
    super(`cannot resolve ${host}: ${code}`, options);
  }
}

/** A failure of the caller's beforeConnect hook (e.g. a rate limiter): handed back to the caller as is. */
export class BeforeConnectError extends Error {
  override readonly name = 'BeforeConnectError';
  constructor(options: ErrorOptions) {
    super('beforeConnect hook failed', options);
  }
}

type ConnectOptions = buildConnector.Options;
type Connector = buildConnector.connector;

/** Connection errors worth trying the host's next address for. */
const NEXT_ADDRESS_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'EADDRNOTAVAIL']);
/** Multi-homed hosts: try a couple of addresses, not a whole round-robin pool. */
const MAX_ADDRESSES_TRIED = 2;

export function createSafeConnector(options: SafeConnectorOptions): Connector {
  const plain = buildConnector({ timeout: options.connectTimeoutMs });
  const connectTo: ConnectTo = (target, address, port) =>
    target.protocol === 'https:' ? connectTls(options, target, address, port) : connectOnce(plain, { ...target, hostname: address, port });
  return (connectOptions, callback) => {
    connectSafely(connectTo, options, connectOptions).then(
      (socket) => callback(null, socket),
      (error: Error) => callback(error, null),
    );
  };
}

type ConnectTo = (target: ConnectOptions, address: string, port: string) => Promise<net.Socket>;

async function connectSafely(connectTo: ConnectTo, options: SafeConnectorOptions, target: ConnectOptions): Promise<net.Socket> {
  const addresses = await vetAddresses(options, target.hostname);
  const port = target.port || String(target.protocol === 'https:' ? options.ports.https : options.ports.http);
  const origin = `${target.protocol}//${target.host ?? target.hostname}`;
  let lastError: unknown = null;
  for (const address of addresses.slice(0, MAX_ADDRESSES_TRIED)) {
    if (options.beforeConnect) {
      await options.beforeConnect(address).catch((cause: unknown) => {
        throw new BeforeConnectError({ cause });
      });
    }
    try {
      const socket = await connectTo(target, address, port);
      return await checkSocket(socket, target, address, origin, options);
    } catch (error) {
      lastError = error;
      if (!NEXT_ADDRESS_CODES.has(errorCode(error))) break;
    }
  }
  throw lastError;
}

/**
 * A TLS connection to the vetted address, named by the URL's host (SNI and the name check).
 * Verification is recorded, not enforced here (rejectUnauthorized: false): checkSocket refuses
 * an untrusted certificate after describing it. Sessions are never resumed, since a resumed
 * session skips the checks.
 */
function connectTls(options: SafeConnectorOptions, target: ConnectOptions, address: string, port: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const servername = target.servername || (net.isIP(target.hostname) ? undefined : target.hostname);
    const socket = tls.connect({
      host: address,
      port: Number(port),
      ...(servername ? { servername } : {}),
      ...(options.secureContext ? { secureContext: options.secureContext } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    checkNameCheaply(socket);
    const timer = setTimeout(() => fail(new errors.ConnectTimeoutError(`connect timeout after ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.setNoDelay(true);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      // Node did not ask (the chain failed to verify): the real method from now on.
      delete (socket as { getPeerCertificate?: unknown }).getPeerCertificate;
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}

/**
 * After a handshake whose chain verified, Node's TLS client calls getPeerCertificate(true)
 * once, only to hand it to checkServerIdentity, which reads the subject's CN and the
 * subjectAltName string. Building that object for the whole chain (three fingerprints of
 * each certificate, its public key, every extension) was a quarter of a handshake's client
 * CPU (bench/RESULTS.md). For that one call the socket answers with the leaf alone, which
 * holds both fields: the name check itself is Node's, unchanged. The next call gets the
 * real method back.
 */
function checkNameCheaply(socket: TLSSocket): void {
  const cheap = (): object => {
    delete (socket as { getPeerCertificate?: unknown }).getPeerCertificate;
    return leafCertificate(socket) ?? socket.getPeerCertificate(true);
  };
  Object.defineProperty(socket, 'getPeerCertificate', { value: cheap, configurable: true, writable: true });
}

/** Every address the connection could use, all of them allowed; throws otherwise. */
async function vetAddresses(options: SafeConnectorOptions, hostname: string): Promise<string[]> {
  if (net.isIP(hostname)) {
    const reason = options.policy.reason(hostname);
    if (reason) throw new BlockedAddressError(hostname, hostname, reason);
    return [hostname];
  }
  const addresses = await resolveWithTimeout(options, hostname);
  if (addresses.length === 0) throw new DnsLookupError(hostname, 'ENOTFOUND');
  // One refused answer condemns the whole set: a mixed answer is how rebinding attacks start.
  for (const address of addresses) {
    const reason = options.policy.reason(address);
    if (reason) throw new BlockedAddressError(hostname, address, reason);
  }
  return addresses;
}

async function resolveWithTimeout(options: SafeConnectorOptions, hostname: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DnsLookupError(hostname, 'ETIMEOUT')), options.connectTimeoutMs);
  });
  try {
    return await Promise.race([options.resolveHost(hostname), timeout]);
  } catch (error) {
    if (error instanceof DnsLookupError) throw error;
    throw new DnsLookupError(hostname, errorCode(error) || 'ENOTFOUND', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function connectOnce(base: Connector, target: ConnectOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    base(target, (error, socket) => (error ? reject(error) : resolve(socket as net.Socket)));
  });
}

async function checkSocket(
  socket: net.Socket,
  target: ConnectOptions,
  address: string,
  origin: string,
  options: SafeConnectorOptions,
): Promise<net.Socket> {
  if (target.protocol !== 'https:') {
    options.onConnection(origin, { remoteAddress: address, tls: null });
    return socket;
  }
  const tls = describeCertificate(socket as TLSSocket);
  options.onConnection(origin, { remoteAddress: address, tls });
  if (!tls.trusted) {
    socket.destroy();
    throw new UntrustedCertificateError(target.hostname, tls);
  }
  return socket;
}

/**
 * The leaf certificate, read once per socket. Not getPeerX509Certificate(): on a client socket
 * whose server sends a chain, Node 20.20's leaks 5-15 KB of native memory per call
 * (bench/peer-certificate-leak.ts; a worker grew 12 KB per prospect with a flat heap, toward
 * its pod's limit), and it answers only once per socket. getPeerCertificate(false) builds the
 * leaf alone, several times faster, frees what it allocates, and holds every field read here.
 */
const leafCertificates = new WeakMap<TLSSocket, PeerCertificate | null>();

function leafCertificate(socket: TLSSocket): PeerCertificate | null {
  let cert = leafCertificates.get(socket);
  if (cert === undefined) {
    const leaf = socket.getPeerCertificate(false) as PeerCertificate | Record<string, never>;
    // No certificate at all is an empty object.
    cert = 'subject' in leaf || 'subjectaltname' in leaf ? (leaf as PeerCertificate) : null;
    leafCertificates.set(socket, cert);
  }
  return cert;
}

/** The peer certificate's names and dates. */
export function describeCertificate(socket: TLSSocket): TlsInfo {
  const cert = leafCertificate(socket);
  const authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
  return {
    subject: cert ? nameField(cert.subject, 'CN') ?? nameField(cert.subject, 'O') : null,
    subjectAltNames: cert ? parseAltNames(cert.subjectaltname) : [],
    issuer: cert ? nameField(cert.issuer, 'CN') ?? nameField(cert.issuer, 'O') : null,
    validFrom: cert ? isoDate(cert.valid_from) : null,
    validTo: cert ? isoDate(cert.valid_to) : null,
    trusted: socket.authorized === true,
    error: socket.authorized ? null : authorizationError ?? 'certificate not verified',
  };
}

/** The first value of `key` in a distinguished name (several values of a key come as an array). */
function nameField(name: PeerCertificate['subject'] | undefined, key: string): string | null {
  const value: unknown = (name as Record<string, unknown> | undefined)?.[key];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

function parseAltNames(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, '').trim())
    .filter((entry) => entry.length > 0);
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}
