// DNS wire format: a hand-rolled query parser (the hot path) and response encoding with
// dns-packet, cached per name and type so a repeated question costs one buffer copy.
import dnsPacket from 'dns-packet';
import type { SimRecord, SimRecordType } from './market.types.ts';
import type { Rcode, ZoneAnswer } from './zone.store.ts';

export interface DnsQuery {
  id: number;
  /** Lower case, no trailing dot. */
  name: string;
  qtype: number;
  type: SimRecordType | null;
  recursionDesired: boolean;
  /** Bytes 12..end of the question section, copied into answers as sent (keeps 0x20 case). */
  questionEnd: number;
  /** The advertised EDNS UDP payload size, or null when the query has no OPT record. */
  ednsSize: number | null;
}

const TYPE_BY_CODE = new Map<number, SimRecordType>([
  [1, 'A'], [2, 'NS'], [5, 'CNAME'], [6, 'SOA'], [12, 'PTR'], [15, 'MX'], [16, 'TXT'], [28, 'AAAA'], [33, 'SRV'],
]);
const RCODE: Record<Rcode, number> = { NOERROR: 0, NXDOMAIN: 3, SERVFAIL: 2 };
const EDNS_SIZE = 1232;

/** Parses the question of a query; null for anything malformed. */
export function parseQuery(buf: Buffer): DnsQuery | null {
  if (buf.length < 17 || (buf[2]! & 0x80) !== 0 || buf.readUInt16BE(4) !== 1) return null;
  let offset = 12;
  const labels: string[] = [];
  for (;;) {
    const len = buf[offset];
    if (len === undefined || len > 63) return null;
    offset++;
    if (len === 0) break;
    labels.push(buf.toString('latin1', offset, offset + len).toLowerCase());
    offset += len;
  }
  if (offset + 4 > buf.length) return null;
  const qtype = buf.readUInt16BE(offset);
  offset += 4;
  return {
    id: buf.readUInt16BE(0), name: labels.join('.'), qtype, type: TYPE_BY_CODE.get(qtype) ?? null,
    recursionDesired: (buf[2]! & 0x01) !== 0, questionEnd: offset, ednsSize: readEdnsSize(buf, offset),
  };
}

function readEdnsSize(buf: Buffer, offset: number): number | null {
  if (buf.readUInt16BE(10) === 0) return null;
  // The OPT pseudo-record: root name (0), type 41, class = UDP payload size.
  if (buf[offset] === 0 && offset + 5 <= buf.length && buf.readUInt16BE(offset + 1) === 41) return buf.readUInt16BE(offset + 3);
  return null;
}

function toAnswer(record: SimRecord): dnsPacket.Answer {
  const base = { name: record.name, ttl: record.ttl ?? 300, class: 'IN' as const };
  switch (record.type) {
    case 'MX': return { ...base, type: 'MX', data: { preference: record.preference, exchange: record.exchange } };
    case 'SRV': return { ...base, type: 'SRV', data: { priority: record.priority, weight: record.weight, port: record.port, target: record.target } };
    case 'SOA': return { ...base, type: 'SOA', data: record.soa };
    case 'TXT': return { ...base, type: 'TXT', data: splitTxt(record.value) };
    default: return { ...base, type: record.type, data: record.value };
  }
}

/** A TXT character-string holds at most 255 bytes: long values become several strings. */
export function splitTxt(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 255) parts.push(bytes.subarray(i, i + 255));
  return parts.length > 0 ? parts : [Buffer.alloc(0)];
}

/** Encodes a full response with id 0; the server patches id and question case per query. */
export function encodeResponse(query: DnsQuery, answer: ZoneAnswer, typeName: string): Buffer {
  const flags = 0x0400 | 0x0080 | (query.recursionDesired ? 0x0100 : 0) | RCODE[answer.rcode];
  return dnsPacket.encode({
    id: 0,
    type: 'response',
    flags,
    questions: [{ name: query.name, type: typeName as dnsPacket.RecordType, class: 'IN' }],
    answers: answer.answers.map(toAnswer),
    authorities: answer.authorities.map(toAnswer),
    additionals: query.ednsSize === null ? [] : [ednsOpt()],
  });
}

function ednsOpt(): dnsPacket.OptAnswer {
  return { type: 'OPT', name: '.', udpPayloadSize: EDNS_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
}

export function typeNameOf(qtype: number): string {
  return TYPE_BY_CODE.get(qtype) ?? `UNKNOWN_${qtype}`;
}

/** Copies a cached response and makes it this query's: id, and the question as asked. */
export function personalize(cached: Buffer, query: Buffer, parsed: DnsQuery): Buffer {
  const out = Buffer.from(cached);
  out.writeUInt16BE(parsed.id, 0);
  query.copy(out, 12, 12, parsed.questionEnd);
  return out;
}

/** Header + question only, TC set: tells the client to retry over TCP. */
export function truncated(response: Buffer, parsed: DnsQuery): Buffer {
  const out = Buffer.from(response.subarray(0, parsed.questionEnd));
  out[2] = out[2]! | 0x02;
  out.writeUInt16BE(0, 6);
  out.writeUInt16BE(0, 8);
  out.writeUInt16BE(0, 10);
  return out;
}

export function errorResponse(query: Buffer, parsed: DnsQuery, rcode: number): Buffer {
  const out = Buffer.from(query.subarray(0, parsed.questionEnd));
  out[2] = 0x80 | 0x04 | (parsed.recursionDesired ? 0x01 : 0);
  out[3] = 0x80 | rcode;
  out.writeUInt16BE(0, 6);
  out.writeUInt16BE(0, 8);
  out.writeUInt16BE(0, 10);
  return out;
}

export function udpLimit(parsed: DnsQuery): number {
  return parsed.ednsSize === null ? 512 : Math.max(512, Math.min(parsed.ednsSize, 4096));
}
