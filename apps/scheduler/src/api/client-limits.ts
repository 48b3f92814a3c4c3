// A client may not hold the server: every phase of a request has a deadline, a refused
// request's body is never read, and one address gets a bounded share of connections.
// Node's own defaults let a 1 byte/s body live for 300 s plus a 30 s check interval,
// and keep reading it after a 401.
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface ClientLimits {
  /** The whole header block must arrive within this. */
  headersTimeoutMs: number;
  /** The body of an ordinary route (JSON, the login form) must arrive within this. */
  bodyTimeoutMs: number;
  /** The whole request, headers and body; the bound of list uploads, which opt out of bodyTimeoutMs. */
  requestTimeoutMs: number;
  /** A socket with no traffic either way is closed after this. */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections per remote address; 0 = no cap (behind a reverse proxy every peer is the proxy). */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 30 * 60_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 64,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides ClientLimits.bodyTimeoutMs for this route; 0 leaves only the request timeout. */
    bodyTimeoutMs?: number;
  }
}

export interface ServerTimeoutOptions {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
}

/** The server options that carry the limits Node enforces itself. */
export function serverTimeoutOptions(limits: ClientLimits): ServerTimeoutOptions {
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the header and request deadlines on this interval (30 s by default),
      // which is how a 300 s timeout held a socket for 330 s.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
    },
  };
}

/** Refuses a connection beyond the cap of its address with a 503 before any byte is parsed. */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

export function registerClientLimits(app: FastifyInstance, limits: ClientLimits): void {
  capConnectionsPerAddress(app.server, limits.maxConnectionsPerAddress);

  // The body deadline starts once the route is known: uploads opt out, the rest must be quick.
  app.addHook('preParsing', async (request, reply, payload) => {
    const ms = request.routeOptions.config.bodyTimeoutMs ?? limits.bodyTimeoutMs;
    if (ms <= 0 || request.raw.complete || request.raw.readableEnded) return payload;
    const timer = setTimeout(() => request.raw.destroy(), ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    request.raw.once('end', clear);
    request.raw.once('close', clear);
    reply.raw.once('finish', clear);
    reply.raw.once('close', clear);
    return payload;
  });

  // A request answered before its body arrived (401, 403, 413, 429...) closes its
  // connection: reading the rest would only serve whoever is sending it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.raw.complete === false) reply.header('connection', 'close');
    return payload;
  });
}
