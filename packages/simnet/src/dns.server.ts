// Authoritative DNS for the simulated Internet over UDP and TCP on one port. Answers are
// encoded once per (name, type, EDNS) and cached; faults are checked before the cache.
import dgram from 'node:dgram';
import net from 'node:net';
import { encodeResponse, errorResponse, parseQuery, personalize, truncated, typeNameOf, udpLimit, type DnsQuery } from './dns.wire.ts';
import type { FaultController } from './faults.controller.ts';
import type { ZoneStore } from './zone.store.ts';

export interface DnsServerOptions {
  zone: ZoneStore;
  faults: FaultController;
  host?: string;
  port?: number;
  /** Where a name with the 'refused' fault points: an address nobody listens on. */
  deadAddress: string;
}

export interface DnsServer {
  port: number;
  queries(): number;
  close(): Promise<void>;
}

const MAX_CACHE = 500_000;
const SERVFAIL = 2;

export class DnsResponder {
  private cache = new Map<string, Buffer>();
  private cacheVersion = '';
  count = 0;

  constructor(private readonly options: DnsServerOptions) {}

  /** Resolves one query; null means "stay silent" (timeout fault). Calls back after any latency. */
  respond(query: Buffer, tcp: boolean, send: (response: Buffer) => void): void {
    this.count++;
    const parsed = parseQuery(query);
    if (!parsed) return;
    const { faults } = this.options;
    const nameFaults = faults.dnsFaults(parsed.name);
    let delay = faults.dnsLatencyMs;
    let response: Buffer | null = null;
    for (const fault of nameFaults ?? []) {
      if (fault.type === 'dns-timeout') return;
      if (fault.type === 'servfail') response = errorResponse(query, parsed, SERVFAIL);
      if (fault.type === 'dns-latency') delay += fault.ms;
    }
    response ??= this.answer(query, parsed, nameFaults?.some((f) => f.type === 'refused') ?? false);
    const out = !tcp && response.length > udpLimit(parsed) ? truncated(response, parsed) : response;
    if (delay > 0) setTimeout(() => send(out), delay).unref();
    else send(out);
  }

  private answer(query: Buffer, parsed: DnsQuery, refused: boolean): Buffer {
    const { zone, faults } = this.options;
    const version = `${zone.version}:${faults.version}`;
    if (version !== this.cacheVersion || this.cache.size > MAX_CACHE) {
      this.cache = new Map();
      this.cacheVersion = version;
    }
    const key = `${parsed.name}|${parsed.qtype}|${parsed.ednsSize === null ? 0 : 1}`;
    let cached = this.cache.get(key);
    if (!cached) {
      const result = zone.resolve(parsed.name, parsed.type);
      if (refused && parsed.type === 'A' && result.rcode !== 'SERVFAIL') {
        result.rcode = 'NOERROR';
        result.answers = [{ name: parsed.name, type: 'A', value: this.options.deadAddress, ttl: 60 }];
        result.authorities = [];
      }
      cached = encodeResponse(parsed, result, typeNameOf(parsed.qtype));
      this.cache.set(key, cached);
    }
    return personalize(cached, query, parsed);
  }
}

function serveTcp(socket: net.Socket, responder: DnsResponder): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const len = pending.readUInt16BE(0);
      if (pending.length < 2 + len) break;
      const message = pending.subarray(2, 2 + len);
      pending = pending.subarray(2 + len);
      responder.respond(message, true, (response) => {
        if (socket.destroyed) return;
        const frame = Buffer.alloc(2 + response.length);
        frame.writeUInt16BE(response.length, 0);
        response.copy(frame, 2);
        socket.write(frame);
      });
    }
  });
}

async function bindUdp(host: string, port: number): Promise<dgram.Socket> {
  const udp = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024, sendBufferSize: 8 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => resolve());
  });
  return udp;
}

async function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** UDP and TCP on the same port; with port 0 a free pair is found. */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const host = options.host ?? '127.0.0.1';
  const responder = new DnsResponder(options);
  for (let attempt = 0; ; attempt++) {
    const udp = await bindUdp(host, options.port ?? 0);
    const port = udp.address().port;
    const tcp = net.createServer((socket) => serveTcp(socket, responder));
    try {
      await listenTcp(tcp, host, port);
    } catch (error) {
      udp.close();
      if (options.port || attempt > 20) throw error;
      continue;
    }
    // A delayed answer may fall due after the server closed: dgram throws then, and a closed
    // server has nobody left to answer.
    udp.on('message', (msg, rinfo) =>
      responder.respond(msg, false, (response) => {
        try {
          udp.send(response, rinfo.port, rinfo.address);
        } catch {
          // closed meanwhile
        }
      }),
    );
    udp.on('error', () => undefined);
    const sockets = new Set<net.Socket>();
    tcp.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    return {
      port,
      queries: () => responder.count,
      close: async () => {
        for (const s of sockets) s.destroy();
        await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
      },
    };
  }
}
