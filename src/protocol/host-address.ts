/**
 * Parses what a user types as an appliance address (IP, host name, optional port, IPv6 with or
 * without brackets) into the parts the transports need. IPv6 literals are bracketed exactly
 * once in the authority (protocol.md §7.1, "Host names").
 */
import * as net from 'net';
import { HomeConnectError } from '../errors';

export interface HostAddress {
  /** Name or address to connect to; IPv6 without brackets (zone id kept, e.g. fe80::1%eth0). */
  hostname: string;
  port: number;
  /** `host:port` for URLs, IPv6 in brackets: `[fe80::1]:80`. */
  authority: string;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);

export function parseHost(host: string, defaultPort: number): HostAddress {
  const text = typeof host === 'string' ? host.trim() : '';
  const invalid = (why: string) =>
    new HomeConnectError('validation', `The appliance address "${truncate(text)}" is not valid: ${why}.`, {
      details: { host: truncate(text) },
    });
  if (text === '') throw invalid('it is empty');

  let hostname: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const m = /^\[([^\]]+)\](?::(\d*))?$/.exec(text);
    if (!m || !net.isIPv6(m[1])) throw invalid('expected an IPv6 address in brackets, like [fe80::1] or [fe80::1]:80');
    hostname = m[1]!;
    portText = m[2];
    if (portText === '') throw invalid('the port after ":" is missing');
  } else if (net.isIPv6(text)) {
    hostname = text; // bare IPv6: every colon belongs to the address, so no port
  } else {
    const colon = text.indexOf(':');
    if (colon >= 0) {
      if (text.indexOf(':', colon + 1) >= 0) throw invalid('write IPv6 addresses in brackets when adding a port, like [fe80::1]:80');
      hostname = text.slice(0, colon);
      portText = text.slice(colon + 1);
    } else {
      hostname = text;
    }
    // Digits and dots only would be read as a (malformed) IPv4 address, except a bare haId
    // (AES appliances' default name): 11+ digits cannot be a 32-bit address.
    const numeric = /^[\d.]+$/.test(hostname) && !/^\d{11,}$/.test(hostname);
    if (!net.isIPv4(hostname) && (!HOSTNAME.test(hostname) || numeric || hostname.length > 253)) {
      throw invalid('expected an IP address or a host name such as 192.168.1.20 or dishwasher.local');
    }
  }

  let port = defaultPort;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw invalid('the port must be a number from 1 to 65535');
    }
    port = Number(portText);
  }
  const authority = `${net.isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`;
  return { hostname, port, authority };
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
