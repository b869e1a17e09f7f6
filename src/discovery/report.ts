/** How a discovered appliance is reported (CLI lines, the editor's list) and what to say when none answered. */
import type { DiscoveredAppliance } from './mdns-browser';

/** The line for one appliance: the fields a record needs, in a fixed order. */
export function discoveredLine(a: DiscoveredAppliance): Record<string, unknown> {
  const line: Record<string, unknown> = { haId: a.haId, host: a.host, port: a.port, transport: a.transport };
  for (const k of ['brand', 'type', 'vib', 'mac'] as const) if (a[k] !== undefined) line[k] = a[k];
  line.addresses = a.addresses;
  return line;
}

/** The sentence when nothing answered: containers without host networking are the usual cause. */
export function noAnswerHint(iface: string | undefined, seconds: number): string {
  return `no mDNS answers ${iface ? `on ${iface}` : 'on any interface'} within ${seconds} s; is this running in a container without host networking? Appliances can still be used by IP address (--host, or the host field in the account).`;
}
