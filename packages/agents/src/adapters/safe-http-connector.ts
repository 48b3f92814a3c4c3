// The only place the crawler opens sockets. Every connection (first request, redirect hop,
// reconnect) resolves the name here, refuses it if ANY answer is outside the address policy, and
// connects to the very address it checked: the socket is pinned by construction, so a rebinding
// resolver gains nothing by answering differently the second time. IP-literal hosts skip DNS in
// Node, so they are checked here too, before a socket exists.
import type { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
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
 * subjectAltName string. Building that object (three fingerprints of each certificate of
 * the chain, its public key, every extension) was a quarter of a handshake's client CPU
 * (bench/RESULTS.md). For that one call the socket answers with those two fields, read from
 * the X509Certificate Node already holds: the name check itself is Node's, unchanged. The
 * next call gets the real method back.
 */
function checkNameCheaply(socket: TLSSocket): void {
  const cheap = (): object => {
    delete (socket as { getPeerCertificate?: unknown }).getPeerCertificate;
    const cert = peerCertificate(socket);
    if (!cert) return socket.getPeerCertificate(true);
    // Several CNs are an array there, each tried by checkServerIdentity.
    const names = nameFields(cert.subject, 'CN');
    return { subject: names.length === 0 ? {} : { CN: names.length === 1 ? names[0] : names }, subjectaltname: cert.subjectAltName };
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

// Node 20's client-side getPeerX509Certificate() answers once: a second call finds the
// leaf gone from the peer chain and returns undefined. The first answer is kept per socket.
const peerCertificates = new WeakMap<TLSSocket, X509Certificate | undefined>();

function peerCertificate(socket: TLSSocket): X509Certificate | undefined {
  if (!peerCertificates.has(socket)) peerCertificates.set(socket, socket.getPeerX509Certificate());
  return peerCertificates.get(socket);
}

/**
 * The peer certificate's names and dates. getPeerX509Certificate() reads only these fields;
 * getPeerCertificate() also builds fingerprints, the public key and the modulus, which was the
 * largest single cost of a fetch (measured with --cpu-prof).
 */
export function describeCertificate(socket: TLSSocket): TlsInfo {
  const cert = peerCertificate(socket);
  const authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
  return {
    subject: cert ? nameField(cert.subject, 'CN') ?? nameField(cert.subject, 'O') : null,
    subjectAltNames: cert ? parseAltNames(cert.subjectAltName) : [],
    issuer: cert ? nameField(cert.issuer, 'CN') ?? nameField(cert.issuer, 'O') : null,
    validFrom: cert ? isoDate(cert.validFrom) : null,
    validTo: cert ? isoDate(cert.validTo) : null,
    trusted: socket.authorized === true,
    error: socket.authorized ? null : authorizationError ?? 'certificate not verified',
  };
}

/** The first value of `key` in an X509 distinguished name as Node prints it ("CN=a\nO=b"). */
function nameField(name: string, key: string): string | null {
  return nameFields(name, key)[0] ?? null;
}

function nameFields(name: string, key: string): string[] {
  return name.split('\n').filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1));
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
