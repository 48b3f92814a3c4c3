// Hands out simulated addresses and records the names that point at them, so the
// generator never emits the same infrastructure record twice.
import { blockAddress, blockByKey } from './as-blocks.data.ts';
import type { SimRecord } from './market.types.ts';

/** The first addresses of a provider block are its shared front ends. */
const SHARED_SLOTS = 64;

export class AddressPlan {
  readonly records: SimRecord[] = [];
  readonly webAddresses = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly hosts = new Set<string>();
  private readonly ptrs = new Set<string>();

  constructor(readonly octet: number) {}

  /** One of a provider's shared front-end addresses. */
  shared(blockKey: string, slot: number): string {
    return blockAddress(this.octet, blockByKey(blockKey), slot % SHARED_SLOTS);
  }

  /** A fresh address of its own: on-premises hosts, load balancers. */
  next(blockKey: string, isp: boolean): string {
    const count = this.counters.get(blockKey) ?? 0;
    this.counters.set(blockKey, count + 1);
    return blockAddress(this.octet, blockByKey(blockKey), isp ? count : SHARED_SLOTS + count);
  }

  add(record: SimRecord): void {
    this.records.push(record);
  }

  /** Adds `name A address` once: infrastructure hosts shared by many customers. */
  host(name: string, address: string): string {
    if (!this.hosts.has(name)) {
      this.hosts.add(name);
      this.records.push({ name, type: 'A', value: address });
    }
    return name;
  }

  ptr(address: string, target: string): void {
    if (this.ptrs.has(address)) return;
    this.ptrs.add(address);
    this.records.push({ name: reverseName(address), type: 'PTR', value: target });
  }

  serveWeb(address: string): void {
    this.webAddresses.add(address);
  }
}

export function reverseName(ipv4: string): string {
  return `${ipv4.split('.').reverse().join('.')}.in-addr.arpa`;
}
