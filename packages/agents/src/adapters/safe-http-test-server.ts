// Test fixtures for the safe HTTP client and the verify agent: real servers on loopback that
// count their connections, a throw-away certificate authority, and a counter of every client TCP
// socket the process creates (to prove a refused fetch opened none). Used by tests only.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import forge from 'node-forge';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  host: string;
  port: number;
  /** Base URL with the literal address and port. */
  url: string;
  connections(): number;
  close(): Promise<void>;
}

export async function startHttpServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  return listen(http.createServer(handler), host, 'http');
}

export async function startHttpsServer(handler: Handler, credentials: KeyPair, host = '127.0.0.1'): Promise<TestServer> {
  return listen(https.createServer({ key: credentials.key, cert: credentials.cert }, handler), host, 'https');
}

/** A plain TCP listener that counts connections and answers nothing: the thing that must never be reached. */
export async function startCanary(host = '127.0.0.1'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  return listen(server, host, 'http', () => sockets.forEach((socket) => socket.destroy()));
}

const listeningPorts = new Set<number>();

/**
 * The ports of every test server this process has started: the client refuses any port but
 * its configured web ports, and test servers listen on ephemeral ones.
 */
export function testServerPorts(): number[] {
  return [...listeningPorts];
}

async function listen(server: net.Server, host: string, scheme: string, dropAll?: () => void): Promise<TestServer> {
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  listeningPorts.add(port);
  const literal = net.isIPv6(host) ? `[${host}]` : host;
  return {
    host,
    port,
    url: `${scheme}://${literal}:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        dropAll?.();
        if (server instanceof http.Server || server instanceof https.Server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Counts client TCP sockets created by this process while `watch` is active. */
export function watchClientSockets(): { count(): number; stop(): void } {
  let count = 0;
  const onSocket = (): void => {
    count += 1;
  };
  diagnostics.subscribe('net.client.socket', onSocket);
  return { count: () => count, stop: () => diagnostics.unsubscribe('net.client.socket', onSocket) };
}

/** A resolver for tests: a fixed table, optionally a sequence of answers per name (rebinding). */
export function tableResolver(table: Record<string, string[] | string[][]>): {
  resolve: (host: string) => Promise<string[]>;
  calls: string[];
} {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<string[]> => {
    const answers = table[host];
    const served = calls.filter((name) => name === host).length;
    calls.push(host);
    if (!answers) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const sequence = answers as (string | string[])[];
    if (!Array.isArray(sequence[0])) return answers as string[];
    const turns = answers as string[][];
    return turns[Math.min(served, turns.length - 1)] ?? [];
  };
  return { resolve, calls };
}

// ---------- certificates ----------

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCa {
  certPem: string;
  issue(hosts: string[]): KeyPair;
}

export function createTestCa(commonName = 'Prospector Test Root CA'): TestCa {
  const caKeys = nativeKeys();
  const caCert = baseCertificate(caKeys.publicKey, commonName, commonName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  caCert.sign(forge.pki.privateKeyFromPem(caKeys.privateKey), forge.md.sha256.create());
  return {
    certPem: forge.pki.certificateToPem(caCert),
    issue: (hosts) => {
      const keys = nativeKeys();
      const leaf = baseCertificate(keys.publicKey, hosts[0] ?? 'localhost', commonName);
      leaf.setExtensions(leafExtensions(hosts));
      leaf.sign(forge.pki.privateKeyFromPem(caKeys.privateKey), forge.md.sha256.create());
      return { key: keys.privateKey, cert: forge.pki.certificateToPem(leaf) };
    },
  };
}

export function createSelfSigned(hosts: string[]): KeyPair {
  const keys = nativeKeys();
  const cert = baseCertificate(keys.publicKey, hosts[0] ?? 'localhost', hosts[0] ?? 'localhost');
  cert.setExtensions(leafExtensions(hosts));
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  return { key: keys.privateKey, cert: forge.pki.certificateToPem(cert) };
}

function nativeKeys(): { publicKey: string; privateKey: string } {
  // Native key generation: node-forge's pure-JS RSA would take seconds per key.
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

function baseCertificate(publicKeyPem: string, subject: string, issuer: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer }]);
  return cert;
}

function leafExtensions(hosts: string[]): object[] {
  const altNames = hosts.map((host) => (net.isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }));
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ];
}

/**
 * A beforeConnect tripwire for tests: if the client under test ever regresses, the connection
 * to a non-loopback address is still never attempted (tests may only send to 127.0.0.0/8).
 */
export async function loopbackOnly(ip: string): Promise<void> {
  const bare = ip.replace(/^::ffff:/i, '');
  if (!(net.isIPv4(bare) && bare.startsWith('127.')) && bare !== '::1') {
    throw new Error(`test tripwire: refused to connect to non-loopback ${ip}`);
  }
}
