// A small authoritative DNS server for tests and benches: zones from a plain object, served over
// UDP and TCP on a loopback address, with fault modes per name so resolver behaviour (retries,
// truncation, timeouts) is exercised on the real wire rather than through mocks.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, Packet, Question } from 'dns-packet';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: { priority: number; exchange: string }[];
  NS?: string[];
  /** A string is one character-string; an array is several chunks of one record. */
  TXT?: (string | string[])[];
  SRV?: { priority: number; weight: number; port: number; target: string }[];
  SOA?: { mname: string; rname: string; serial: number };
  PTR?: string[];
  /** TTL of every record of this name (default 300). */
  ttl?: number;
}

/** Owner name → records. A name absent from the zone is NXDOMAIN; `*.x` matches one missing label. */
export type Zone = Record<string, ZoneEntry>;

/** servfail/refused: that rcode; timeout: never answer; truncate: UDP answers carry TC and no records. */
export type FaultMode = 'servfail' | 'refused' | 'timeout' | 'truncate';

export interface TestDnsServerOptions {
  zone: Zone;
  /** Name → fault; `*.x` matches one label under x, and the key '*' applies to every name. */
  faults?: Record<string, FaultMode>;
  host?: string;
}

export interface ReceivedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  host: string;
  port: number;
  /** host:port, ready for Resolver#setServers. */
  address: string;
  /** Every query received, in order. */
  readonly queries: ReceivedQuery[];
  /** Packets received, optionally only those for one name (and type). */
  count(name?: string, type?: string): number;
  setFault(name: string, mode: FaultMode | null): void;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const MAX_CHAIN = 10;

function norm(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function findEntry(zone: Zone, name: string): ZoneEntry | undefined {
  const exact = zone[name];
  if (exact) return exact;
  const dot = name.indexOf('.');
  return dot > 0 ? zone[`*${name.slice(dot)}`] : undefined;
}

function recordsOf(name: string, type: string, entry: ZoneEntry): Answer[] {
  const ttl = entry.ttl ?? 300;
  const base = { name, ttl, class: 'IN' as const };
  switch (type) {
    case 'A':
      return (entry.A ?? []).map((data) => ({ ...base, type: 'A', data }));
    case 'AAAA':
      return (entry.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA', data }));
    case 'CNAME':
      return entry.CNAME ? [{ ...base, type: 'CNAME', data: entry.CNAME }] : [];
    case 'MX':
      return (entry.MX ?? []).map((m) => ({ ...base, type: 'MX', data: { preference: m.priority, exchange: m.exchange } }));
    case 'NS':
      return (entry.NS ?? []).map((data) => ({ ...base, type: 'NS', data }));
    case 'PTR':
      return (entry.PTR ?? []).map((data) => ({ ...base, type: 'PTR', data }));
    case 'TXT':
      return (entry.TXT ?? []).map((t) => ({ ...base, type: 'TXT', data: Array.isArray(t) ? t : [t] }));
    case 'SRV':
      return (entry.SRV ?? []).map((s) => ({ ...base, type: 'SRV', data: s }));
    case 'SOA': {
      const s = entry.SOA;
      if (!s) return [];
      const data = { mname: s.mname, rname: s.rname, serial: s.serial, refresh: 3600, retry: 600, expire: 86400, minimum: 60 };
      return [{ ...base, type: 'SOA', data }];
    }
    default:
      return [];
  }
}

/** Answers one question like an authoritative server that also chases in-zone CNAMEs. */
function answer(zone: Zone, q: Question): { rcode: number; answers: Answer[] } {
  const answers: Answer[] = [];
  let name = norm(q.name);
  for (let hop = 0; hop <= MAX_CHAIN; hop += 1) {
    const entry = findEntry(zone, name);
    if (!entry) return { rcode: RCODE.NXDOMAIN, answers };
    if (entry.CNAME && q.type !== 'CNAME') {
      answers.push(...recordsOf(name, 'CNAME', entry));
      name = norm(entry.CNAME);
      continue;
    }
    answers.push(...recordsOf(name, q.type, entry));
    return { rcode: RCODE.NOERROR, answers };
  }
  return { rcode: RCODE.SERVFAIL, answers: [] };
}

function faultOf(faults: Map<string, FaultMode>, name: string): FaultMode | undefined {
  const dot = name.indexOf('.');
  return faults.get(name) ?? (dot > 0 ? faults.get(`*${name.slice(dot)}`) : undefined) ?? faults.get('*');
}

function udpLimit(query: Packet): number {
  const opt = query.additionals?.find((a) => a.type === 'OPT');
  const size = opt && 'udpPayloadSize' in opt ? Number(opt.udpPayloadSize) : 512;
  return Math.max(512, size || 512);
}

export async function startTestDnsServer(options: TestDnsServerOptions): Promise<TestDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const faults = new Map(Object.entries(options.faults ?? {}).map(([k, v]) => [norm(k), v] as const));
  const queries: ReceivedQuery[] = [];

  /** Builds the reply for one query packet, or null to stay silent. */
  function reply(query: Packet, transport: 'udp' | 'tcp'): Buffer | null {
    const q = query.questions?.[0];
    if (!q) return null;
    const name = norm(q.name);
    queries.push({ name, type: q.type, transport });
    const fault = faultOf(faults, name);
    const head = { type: 'response' as const, id: query.id ?? 0, questions: [q] };
    const aa = dnsPacket.AUTHORITATIVE_ANSWER;
    if (fault === 'timeout') return null;
    if (fault === 'servfail') return dnsPacket.encode({ ...head, flags: aa | RCODE.SERVFAIL });
    if (fault === 'refused') return dnsPacket.encode({ ...head, flags: aa | RCODE.REFUSED });
    if (fault === 'truncate' && transport === 'udp') {
      return dnsPacket.encode({ ...head, flags: aa | dnsPacket.TRUNCATED_RESPONSE });
    }
    const { rcode, answers } = answer(options.zone, q);
    const full = dnsPacket.encode({ ...head, flags: aa | rcode, answers });
    if (transport === 'udp' && full.length > udpLimit(query)) {
      return dnsPacket.encode({ ...head, flags: aa | dnsPacket.TRUNCATED_RESPONSE | rcode });
    }
    return full;
  }

  const onUdp = (udp: dgram.Socket) => (msg: Buffer, rinfo: dgram.RemoteInfo) => {
    let packet: Packet;
    try {
      packet = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const out = reply(packet, 'udp');
    if (out) udp.send(out, rinfo.port, rinfo.address);
  };
  const sockets = new Set<net.Socket>();
  const onTcp = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const len = buffered.readUInt16BE(0);
        if (buffered.length < len + 2) break;
        const msg = buffered.subarray(2, len + 2);
        buffered = buffered.subarray(len + 2);
        const out = reply(dnsPacket.decode(msg), 'tcp');
        if (out) socket.write(Buffer.concat([lengthPrefix(out.length), out]));
      }
    });
  };
  const { udp, tcp, port } = await bindPair(host, onUdp, onTcp);

  return {
    host,
    port,
    address: `${host}:${port}`,
    queries,
    count(name?: string, type?: string) {
      return queries.filter((q) => (name === undefined || q.name === norm(name)) && (type === undefined || q.type === type))
        .length;
    },
    setFault(name, mode) {
      if (mode) faults.set(norm(name), mode);
      else faults.delete(norm(name));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

function lengthPrefix(n: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(n);
  return prefix;
}

/** c-ares falls back to TCP on the UDP port, so both must share a random port: retry on a clash. */
async function bindPair(
  host: string,
  onUdp: (udp: dgram.Socket) => (msg: Buffer, rinfo: dgram.RemoteInfo) => void,
  onTcp: (socket: net.Socket) => void,
): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; ; attempt += 1) {
    const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    udp.on('message', onUdp(udp));
    await new Promise<void>((resolve) => udp.bind(0, host, resolve));
    const port = udp.address().port;
    const tcp = net.createServer(onTcp);
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => resolve());
      });
      return { udp, tcp, port };
    } catch (err) {
      udp.close();
      if (attempt >= 5) throw err;
    }
  }
}
