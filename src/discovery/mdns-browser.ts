/**
 * Finds Home Connect appliances on the network: browses `_homeconnect._tcp` over mDNS and pieces the
 * PTR, SRV, TXT and A/AAAA records together into one entry per appliance (by haId). Everything that
 * arrives is untrusted: malformed records are skipped with a debug line, caches are bounded.
 */
import { isIP } from 'net';
import { SERVICE, closeMdns, openMdns, type MdnsSocket, type MdnsSocketOptions } from './mdns-socket';
import { parseApplianceTxt, type ApplianceTxt } from './txt-record';

export interface DiscoveredAppliance {
  haId: string;
  brand?: string;
  type?: string;
  vib?: string;
  mac?: string;
  /** IPv4 addresses first, then IPv6. */
  addresses: string[];
  /** The address to connect to: the first IPv4, else the first IPv6 (bracket it when adding a port). */
  host: string;
  port: number;
  transport: 'tls' | 'aes';
  /** The mDNS service instance name. */
  instance: string;
  /** Epoch ms of the last answer about it. */
  lastSeen: number;
}

export interface DiscoveryOptions extends MdnsSocketOptions {
  /** How long to listen (default 5 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called for every appliance when first found and whenever its address or port changes. */
  onFound?(appliance: DiscoveredAppliance): void;
  /** Debug lines (malformed records); never secrets: mDNS carries none. */
  log?: (line: string) => void;
  /** Stop as soon as this haId is found. */
  haId?: string;
}

const MAX_INSTANCES = 256;
const MAX_ADDRESSES = 16;
/** Re-asks a few times: the first query may go out before every responder listens. */
const QUERY_AT_MS = [0, 300, 1000, 2500, 5000, 10_000];

interface Srv {
  port: number;
  target: string;
}

interface Answer {
  name?: unknown;
  type?: unknown;
  data?: unknown;
}

function lower(name: unknown): string | undefined {
  return typeof name === 'string' && name.length <= 255 ? name.toLowerCase().replace(/\.$/, '') : undefined;
}

/** Collects records from any number of packets into appliances. */
export class DiscoveryCollector {
  private readonly instances = new Set<string>();
  private readonly srv = new Map<string, Srv>();
  private readonly txt = new Map<string, ApplianceTxt>();
  private readonly addresses = new Map<string, string[]>();
  private readonly found = new Map<string, DiscoveredAppliance>();

  constructor(private readonly log: (line: string) => void = () => undefined) {}

  /** Feeds one packet's answers and additionals; returns the appliances that are new or changed. */
  add(records: unknown[], now = Date.now()): DiscoveredAppliance[] {
    const touched = new Set<string>();
    for (const r of records) {
      const rec = (r ?? {}) as Answer;
      const name = lower(rec.name);
      if (!name) continue;
      try {
        this.addRecord(rec, name, touched);
      } catch (e) {
        this.log(`mDNS: skipped a malformed ${String(rec.type)} record for ${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const out: DiscoveredAppliance[] = [];
    for (const instance of this.instances) {
      const a = this.assemble(instance, now);
      if (!a) continue;
      const before = this.found.get(a.haId);
      if (before && before.instance !== instance && !touched.has(instance)) continue;
      const changed = !before || before.host !== a.host || before.port !== a.port || before.addresses.join() !== a.addresses.join();
      this.found.set(a.haId, a);
      if (changed) out.push(a);
      else before.lastSeen = now;
    }
    return out;
  }

  /** Instances still missing SRV/TXT/addresses, for a follow-up query. */
  missing(): Array<{ name: string; type: 'SRV' | 'TXT' | 'A' }> {
    const q: Array<{ name: string; type: 'SRV' | 'TXT' | 'A' }> = [];
    for (const instance of this.instances) {
      if (!this.srv.has(instance)) q.push({ name: instance, type: 'SRV' });
      if (!this.txt.has(instance)) q.push({ name: instance, type: 'TXT' });
      const s = this.srv.get(instance);
      if (s && !this.addresses.has(s.target)) q.push({ name: s.target, type: 'A' });
    }
    return q.slice(0, 32);
  }

  all(): DiscoveredAppliance[] {
    return [...this.found.values()];
  }

  private addRecord(rec: Answer, name: string, touched: Set<string>): void {
    switch (rec.type) {
      case 'PTR': {
        const target = lower(rec.data);
        if (name !== SERVICE || !target || !target.endsWith(`.${SERVICE}`)) return;
        this.remember(target);
        touched.add(target);
        return;
      }
      case 'SRV': {
        if (!name.endsWith(`.${SERVICE}`)) return;
        const d = (rec.data ?? {}) as { port?: unknown; target?: unknown };
        const target = lower(d.target);
        if (typeof d.port !== 'number' || !Number.isInteger(d.port) || d.port < 1 || d.port > 65535 || !target) {
          throw new Error('SRV without a valid port and target');
        }
        this.remember(name);
        this.srv.set(name, { port: d.port, target });
        touched.add(name);
        return;
      }
      case 'TXT': {
        if (!name.endsWith(`.${SERVICE}`)) return;
        const txt = parseApplianceTxt(rec.data);
        if (!txt) throw new Error('TXT record without a usable appliance id');
        this.remember(name);
        this.txt.set(name, txt);
        touched.add(name);
        return;
      }
      case 'A':
      case 'AAAA': {
        const ip = typeof rec.data === 'string' ? rec.data : '';
        if (isIP(ip) !== (rec.type === 'A' ? 4 : 6)) throw new Error(`${rec.type} record without a valid address`);
        const list = this.addresses.get(name) ?? [];
        if (!list.includes(ip)) {
          // A moved appliance announces its new address: newest first, bounded.
          list.unshift(ip);
          if (list.length > MAX_ADDRESSES) list.length = MAX_ADDRESSES;
        }
        if (!this.addresses.has(name) && this.addresses.size >= MAX_INSTANCES) return;
        this.addresses.set(name, list);
        for (const [instance, s] of this.srv) if (s.target === name) touched.add(instance);
        return;
      }
      default:
        return;
    }
  }

  private remember(instance: string): void {
    if (this.instances.has(instance)) return;
    if (this.instances.size >= MAX_INSTANCES) throw new Error(`more than ${MAX_INSTANCES} services answered; ignoring the rest`);
    this.instances.add(instance);
  }

  private assemble(instance: string, now: number): DiscoveredAppliance | undefined {
    const s = this.srv.get(instance);
    const t = this.txt.get(instance);
    const addrs = s ? this.addresses.get(s.target) : undefined;
    if (!s || !t || !addrs || addrs.length === 0) return undefined;
    const v4 = addrs.filter((a) => isIP(a) === 4);
    const v6 = addrs.filter((a) => isIP(a) === 6);
    const ordered = [...v4, ...v6];
    const out: DiscoveredAppliance = {
      haId: t.haId,
      addresses: ordered,
      host: ordered[0],
      port: s.port,
      transport: t.tls ? 'tls' : 'aes',
      instance,
      lastSeen: now,
    };
    for (const k of ['brand', 'type', 'vib', 'mac'] as const) if (t[k] !== undefined) out[k] = t[k];
    return out;
  }
}

/** "host:port" for a connection record (IPv6 bracketed). */
export function hostPortOf(a: Pick<DiscoveredAppliance, 'host' | 'port'>): string {
  return isIP(a.host) === 6 ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * Browses for appliances until the timeout (or the signal, or the wanted haId is found) and returns
 * every appliance found. Never rejects for what the network sends; rejects only when the socket
 * cannot be opened at all.
 */
export async function discoverAppliances(opts: DiscoveryOptions = {}): Promise<DiscoveredAppliance[]> {
  const log = opts.log ?? (() => undefined);
  const collector = new DiscoveryCollector(log);
  const socket: MdnsSocket = openMdns(opts);
  const timers: NodeJS.Timeout[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let failed: Error | undefined;

  const query = (): void => {
    const questions = [{ name: SERVICE, type: 'PTR' as const }, ...collector.missing()];
    socket.query({ questions } as never, () => undefined);
  };
  socket.on('response', (packet: { answers?: unknown[]; additionals?: unknown[] }) => {
    try {
      const records = [
        ...(Array.isArray(packet.answers) ? packet.answers : []),
        ...(Array.isArray(packet.additionals) ? packet.additionals : []),
      ];
      for (const a of collector.add(records)) {
        try {
          opts.onFound?.(a);
        } catch (e) {
          log(`mDNS: a listener failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (opts.haId !== undefined && a.haId === opts.haId) finish();
      }
    } catch (e) {
      log(`mDNS: skipped a packet: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  socket.on('error', (e: Error) => {
    failed = e;
    finish();
  });
  socket.on('warning', (e: Error) => log(`mDNS: ${e.message}`));
  socket.on('ready', () => {
    for (const at of QUERY_AT_MS) if (at < (opts.timeoutMs ?? 5000)) timers.push(setTimeout(query, at));
  });
  timers.push(setTimeout(finish, opts.timeoutMs ?? 5000));
  const onAbort = (): void => finish();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) finish();
  await done;
  opts.signal?.removeEventListener('abort', onAbort);
  for (const t of timers) clearTimeout(t);
  await closeMdns(socket);
  if (failed && collector.all().length === 0) throw new Error(`mDNS cannot be used here: ${failed.message}`);
  return collector.all();
}

/** Looks one appliance up by haId; undefined when it did not answer within the timeout. */
export async function findAppliance(haId: string, opts: Omit<DiscoveryOptions, 'haId'> = {}): Promise<DiscoveredAppliance | undefined> {
  const all = await discoverAppliances({ ...opts, haId, timeoutMs: opts.timeoutMs ?? 3000 });
  return all.find((a) => a.haId === haId);
}
