import { normalizeIP } from '@fastify/rate-limit';

/**
 * The rate-limit key for a client address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64,
 * because one subscriber usually holds a whole /64 and could otherwise rotate through it.
 * `ip` is Fastify's `request.ip`: the peer, or the client named by a trusted proxy.
 */
export function clientKey(ip: string | undefined): string {
  // A socket already gone has no address; those requests share one bucket rather than none.
  if (!ip) return 'unknown';
  try {
    return normalizeIP(ip, 64);
  } catch {
    // Whatever a trusted proxy wrote that is not an address: still one bucket per spelling.
    return ip.toLowerCase();
  }
}
