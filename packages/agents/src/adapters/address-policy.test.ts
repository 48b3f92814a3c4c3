import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.ts';

const strict = createAddressPolicy([]);

describe('createAddressPolicy without allow-list', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.20.0.5', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.4.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:2::1', 'benchmarking'],
    ['2001::1', 'teredo'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052:loopback'],
    ['64:ff9b::a00:1', 'rfc6052:private'],
    ['2002:7f00:1::1', '6to4:loopback'],
    ['2002:a9fe:a9fe::1', '6to4:metadata'],
    ['[::1]', 'loopback'],
  ])('refuses %s (%s)', (ip, reason) => {
    expect(strict.reason(ip)).toBe(reason);
    expect(strict.isAllowed(ip)).toBe(false);
  });

  it.each(['0x7f.1', '2130706433', '127.1', '017700000001', 'localhost', '', 'example.com'])(
    'refuses the non-canonical or non-address form %j',
    (ip) => {
      expect(strict.reason(ip)).toBe('invalid-address');
    },
  );

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700::6810:85e5', '2001:4860:4860::8888', '::ffff:93.184.216.34', '64:ff9b::5db8:d822', '2002:5db8:d822::1'])(
    'allows the public address %s',
    (ip) => {
      expect(strict.reason(ip)).toBeNull();
      expect(strict.isAllowed(ip)).toBe(true);
    },
  );
});

describe('createAddressPolicy with an allow-list', () => {
  const policy = createAddressPolicy(['127.20.0.0/16', 'fd00:1234::/32', '::ffff:10.9.0.0/112']);

  it('allows addresses inside an allowed CIDR, mapped forms included', () => {
    expect(policy.isAllowed('127.20.3.4')).toBe(true);
    expect(policy.isAllowed('::ffff:127.20.3.4')).toBe(true);
    expect(policy.isAllowed('fd00:1234::1')).toBe(true);
    expect(policy.isAllowed('10.9.1.1')).toBe(true);
  });

  it('still refuses what lies outside the allowed CIDRs', () => {
    expect(policy.reason('127.0.0.1')).toBe('loopback');
    expect(policy.reason('127.21.0.1')).toBe('loopback');
    expect(policy.reason('fd00:ec2::254')).toBe('metadata');
    expect(policy.reason('10.8.0.1')).toBe('private');
    expect(policy.isAllowed('8.8.8.8')).toBe(true);
  });

  it('fails fast on an invalid CIDR', () => {
    expect(() => createAddressPolicy(['127.0.0.0/33'])).toThrow(/invalid CIDR/);
    expect(() => createAddressPolicy(['nonsense'])).toThrow(/invalid CIDR/);
  });
});
