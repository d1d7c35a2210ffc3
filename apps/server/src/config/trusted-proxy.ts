import { BlockList, isIP } from 'node:net';

const ipv4Mapped = new BlockList();
ipv4Mapped.addSubnet('::ffff:0:0', 96, 'ipv6');

/**
 * Whether `entry` may name trusted reverse proxies: an address or a CIDR range, no wider than
 * /8 for IPv4. IPv6 ranges may be as wide as /7 (the unique-local range), except over
 * IPv4-mapped space (`::ffff:0:0/96`), which stands for IPv4 clients and keeps the /8 bound:
 * otherwise `::/7` would trust every IPv4 client, who could then pick their own address.
 */
export function isTrustedProxyEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (family === 4) return bits >= 8 && bits <= 32;
  if (bits < 7 || bits > 128) return false;
  const range = new BlockList();
  range.addSubnet(address, bits, 'ipv6');
  const overIpv4 = range.check('::ffff:0.0.0.0', 'ipv6') || ipv4Mapped.check(address, 'ipv6');
  return !overIpv4 || bits >= 104;
}
