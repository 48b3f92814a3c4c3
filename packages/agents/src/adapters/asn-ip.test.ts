import { describe, expect, it } from 'vitest';
import { cidrWithin, cidrWithinV4, formatIpv6, parseIpv4, parseIpv6Words, wordsToBigInt } from './asn-ip.ts';

describe('IP parsing for table lookups', () => {
  it('parses dotted quads and rejects the rest', () => {
    expect(parseIpv4('8.8.8.8')).toBe(0x08080808);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', 'a.b.c.d', '1.2.3.4 ', '1234.1.1.1']) {
      expect(parseIpv4(bad)).toBe(-1);
    }
  });

  it('parses IPv6 forms into four words', () => {
    expect(parseIpv6Words('2001:4860:4860::8888')).toEqual([0x20014860, 0x48600000, 0, 0x8888]);
    expect(parseIpv6Words('::1')).toEqual([0, 0, 0, 1]);
    expect(parseIpv6Words('::')).toEqual([0, 0, 0, 0]);
    expect(parseIpv6Words('::ffff:1.2.3.4')).toEqual([0, 0, 0xffff, 0x01020304]);
    expect(parseIpv6Words('[fe80::1%eth0]')).toEqual([0xfe800000, 0, 0, 1]);
    expect(parseIpv6Words('1:2:3:4:5:6:7:8')).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    for (const bad of ['1.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7', '1.2.3.4::']) {
      expect(parseIpv6Words(bad)).toBeNull();
    }
  });

  it('finds the widest CIDR block inside a range', () => {
    expect(cidrWithinV4(parseIpv4('8.8.8.8'), parseIpv4('8.8.8.0'), parseIpv4('8.8.8.255'))).toEqual({ base: parseIpv4('8.8.8.0'), length: 24 });
    // 10.0.0.0–10.0.2.255 is not one block: .1.x sits in a /23, .2.x in a /24.
    expect(cidrWithinV4(parseIpv4('10.0.1.9'), parseIpv4('10.0.0.0'), parseIpv4('10.0.2.255')).length).toBe(23);
    expect(cidrWithinV4(parseIpv4('10.0.2.9'), parseIpv4('10.0.0.0'), parseIpv4('10.0.2.255')).length).toBe(24);
    expect(cidrWithinV4(7, 7, 7)).toEqual({ base: 7, length: 32 });
    const ip = wordsToBigInt(parseIpv6Words('2001:db8::1') ?? []);
    const start = wordsToBigInt(parseIpv6Words('2001:db8::') ?? []);
    const end = wordsToBigInt(parseIpv6Words('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff') ?? []);
    const block = cidrWithin(ip, start, end, 128);
    expect(`${formatIpv6(block.base)}/${block.length}`).toBe('2001:db8::/32');
  });
});
