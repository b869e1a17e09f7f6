/**
 * The one place that opens an mDNS socket (multicast-dns: a small, well-kept responder/querier
 * with no native parts). Every caller names the interface: tests pass the loopback address so no
 * query or announcement leaves 127.0.0.1; in production the default is every interface.
 */
import makeMdns = require('multicast-dns');

export const MDNS_PORT = 5353;

/**
 * The port used when none is given: 5353, or HOMECONNECT_MDNS_PORT (tests run their appliances and
 * browsers on a port of their own, so parallel test runs on one machine never see each other).
 */
export function defaultMdnsPort(): number {
  const n = Number(process.env.HOMECONNECT_MDNS_PORT);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : MDNS_PORT;
}
export const SERVICE = '_homeconnect._tcp.local';

export interface MdnsSocketOptions {
  /** IPv4 address of the interface to use (e.g. 127.0.0.1); default: every interface. */
  interface?: string;
  /** UDP port (default 5353). */
  port?: number;
}

export type MdnsSocket = makeMdns.MulticastDNS;

export function openMdns(opts: MdnsSocketOptions): MdnsSocket {
  return makeMdns({
    port: opts.port ?? defaultMdnsPort(),
    // Bind the wildcard so multicast reaches us; the interface option limits where we join and send.
    bind: '0.0.0.0',
    reuseAddr: true,
    loopback: true,
    ...(opts.interface ? { interface: opts.interface } : {}),
  });
}

/** Closes without throwing (an mDNS socket that failed to bind throws on destroy). */
export function closeMdns(socket: MdnsSocket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.destroy(() => resolve());
    } catch {
      resolve();
    }
  });
}
