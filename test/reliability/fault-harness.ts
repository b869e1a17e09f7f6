/**
 * Shared by the reliability, leak and secrecy suites: short fault timings, a watch over the
 * invariants every fault must keep (one connection per appliance at most, no uncaught
 * exception or unhandled rejection, reconnect delays inside the backoff bounds) and raw
 * access to the simulator's open sockets for frames its fault API does not offer.
 */
import type { ConnectionTiming, ClientTransportLike, TransportFactoryOptions } from '../../src/protocol/appliance-connection';
import { connectTransport } from '../../src/protocol/client-transport';
import type { ServerConnection } from '../../src/protocol/server-transport';
import type { ApplianceSimulator } from '../../src/simulator/appliance-simulator';

/** Injected timings of the fault suite (issue 6): reconnects and dead links resolve in well under a second. */
export const FAULT_TIMING: ConnectionTiming = {
  connectTimeoutMs: 3000,
  handshakeTimeoutMs: 3000,
  requestTimeoutMs: 1000,
  pingIntervalMs: 100,
  deadAfterMs: 400,
  backoffMinMs: 50,
  backoffMaxMs: 500,
  refreshIntervalMs: 3_600_000,
};

/**
 * Watches invariants while installed: client sockets open at once (per factory), the
 * simulators' open connections (sampled every 2 ms), and process-level uncaught exceptions
 * and unhandled rejections (recorded, so the test fails with them instead of mocha guessing).
 */
export class InvariantWatch {
  readonly uncaught: unknown[] = [];
  /** Most client sockets open at the same time, per watched factory. */
  maxClientSockets = 0;
  /** Most simulator-side connections at the same time, per simulator. */
  readonly maxSimConnections = new Map<ApplianceSimulator, number>();
  /** Client transports created (one per connection attempt). */
  attempts = 0;
  private liveClientSockets = 0;
  private sampler: NodeJS.Timeout | undefined;
  private readonly onUncaught = (e: unknown): void => {
    this.uncaught.push(e);
  };

  constructor(private readonly sims: ApplianceSimulator[] = []) {}

  install(): this {
    process.on('uncaughtException', this.onUncaught);
    process.on('unhandledRejection', this.onUncaught);
    this.sampler = setInterval(() => this.sample(), 2);
    return this;
  }

  uninstall(): void {
    process.off('uncaughtException', this.onUncaught);
    process.off('unhandledRejection', this.onUncaught);
    clearInterval(this.sampler);
    this.sampler = undefined;
    this.sample();
  }

  watch(sim: ApplianceSimulator): void {
    if (!this.sims.includes(sim)) this.sims.push(sim);
  }

  sample(): void {
    for (const s of this.sims) this.maxSimConnections.set(s, Math.max(this.maxSimConnections.get(s) ?? 0, s.activeConnections));
  }

  /** The real client transport, counted: use as ApplianceConnection's transportFactory. */
  readonly factory = (opts: TransportFactoryOptions): ClientTransportLike => {
    const t = connectTransport(opts);
    this.attempts++;
    this.liveClientSockets++;
    this.maxClientSockets = Math.max(this.maxClientSockets, this.liveClientSockets);
    t.once('close', () => this.liveClientSockets--);
    return t;
  };

  get openClientSockets(): number {
    return this.liveClientSockets;
  }

  /** Throws when an invariant was broken. */
  check(): void {
    this.sample();
    if (this.uncaught.length > 0) {
      const first = this.uncaught[0];
      throw new Error(`uncaught exception / unhandled rejection during the fault: ${first instanceof Error ? first.stack : String(first)}`);
    }
    if (this.maxClientSockets > 1) throw new Error(`${this.maxClientSockets} client sockets were open to one appliance at once`);
    for (const [sim, n] of this.maxSimConnections) {
      if (n > 1) throw new Error(`simulator ${sim.record.haId} saw ${n} concurrent connections`);
    }
  }
}

/** "next connection attempt in 123 ms" / "in 1.2 s" debug lines → delays in ms. */
export function backoffDelays(lines: string[]): number[] {
  const out: number[] = [];
  for (const l of lines) {
    const m = /next connection attempt in ([\d.]+) (ms|s)\b/.exec(l);
    if (m) out.push(m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1]));
  }
  return out;
}

/** The simulator's open server connections (for frames the fault API does not offer). */
export function serverConnections(sim: ApplianceSimulator): ServerConnection[] {
  const links = (sim as unknown as { links: Map<ServerConnection, { closed: boolean }> }).links;
  return [...links.entries()].filter(([, s]) => !s.closed).map(([c]) => c);
}

/** Sends `text` as an appliance message on every open connection (encrypted on AES). */
export async function sendAsAppliance(sim: ApplianceSimulator, text: string): Promise<void> {
  await Promise.all(serverConnections(sim).map((c) => c.send(text)));
}

/** Resolves when check() holds (polled every 10 ms); rejects after timeoutMs with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
