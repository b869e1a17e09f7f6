/**
 * Announces one appliance over mDNS the way real ones do: PTR `_homeconnect._tcp.local` → instance,
 * SRV (port, host name), TXT (txt-record.ts) and the A record of the host name. Answers queries for
 * any of them and announces itself on start and after a move. Used by the simulator's `--advertise`.
 */
import { SERVICE, closeMdns, openMdns, type MdnsSocket, type MdnsSocketOptions } from './mdns-socket';
import { applianceTxt, type ApplianceTxt } from './txt-record';

export interface AdvertisedAppliance extends ApplianceTxt {
  /** The address the A record gives (the simulator's bind address). */
  address: string;
  port: number;
}

const TTL = 120;

/** Host label like real appliances: BRAND-VIB-MAC (e.g. BOSCH-WTYH7701-68A40E2DB2C3). */
function hostLabel(a: AdvertisedAppliance): string {
  const parts = [a.brand, a.vib, a.mac?.replace(/[^0-9A-Fa-f]/g, '').toUpperCase()].filter((p): p is string => !!p && p !== '');
  const label = (parts.length > 0 ? parts.join('-') : a.haId).replace(/[^A-Za-z0-9-]/g, '-');
  return label.slice(0, 63);
}

export class ApplianceAdvertiser {
  private socket: MdnsSocket | undefined;
  private appliance: AdvertisedAppliance;

  constructor(
    appliance: AdvertisedAppliance,
    private readonly opts: MdnsSocketOptions = {},
  ) {
    this.appliance = { ...appliance };
  }

  get instance(): string {
    return `${hostLabel(this.appliance)}.${SERVICE}`;
  }

  private get target(): string {
    return `${hostLabel(this.appliance)}.local`;
  }

  private records(): unknown[] {
    const a = this.appliance;
    return [
      { name: SERVICE, type: 'PTR', ttl: TTL, data: this.instance },
      { name: this.instance, type: 'SRV', ttl: TTL, flush: true, data: { port: a.port, target: this.target, priority: 0, weight: 0 } },
      { name: this.instance, type: 'TXT', ttl: TTL, flush: true, data: applianceTxt(a) },
      { name: this.target, type: a.address.includes(':') ? 'AAAA' : 'A', ttl: TTL, flush: true, data: a.address },
    ];
  }

  /** Starts answering and announces once the socket is ready. */
  start(): Promise<void> {
    if (this.socket) return Promise.resolve();
    const socket = openMdns(this.opts);
    this.socket = socket;
    socket.on('query', (query: { questions?: Array<{ name?: unknown; type?: unknown }> }) => {
      const wanted = new Set([SERVICE, this.instance, this.target].map((n) => n.toLowerCase()));
      const asks = (query.questions ?? []).some((q) => typeof q.name === 'string' && wanted.has(q.name.toLowerCase().replace(/\.$/, '')));
      if (asks) this.announce();
    });
    socket.on('error', () => undefined); // the simulator keeps serving without mDNS
    return new Promise((resolve) => {
      socket.once('ready', () => {
        this.announce();
        resolve();
      });
      socket.once('error', () => resolve());
    });
  }

  /** Moves to another address or port (same haId) and announces the new records. */
  move(to: { address?: string; port?: number }): void {
    this.appliance = { ...this.appliance, ...(to.address ? { address: to.address } : {}), ...(to.port ? { port: to.port } : {}) };
    this.announce();
  }

  announce(): void {
    const [ptr, ...rest] = this.records();
    this.socket?.respond({ answers: [ptr], additionals: rest } as never, () => undefined);
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await closeMdns(socket);
  }
}
