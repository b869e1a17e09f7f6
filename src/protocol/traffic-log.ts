/**
 * Ring buffer of the last messages in and out of a connection, for diagnostics, redacted so
 * nothing read from it can leak a secret.
 *
 * Recording is on the receive path, so it is cheap: inbound NOTIFYs and appliance POSTs are
 * kept as parsed and redacted (copied) only when entries() is read; redacting every frame on
 * arrival cost more than decoding it (test/bench/receive-path.bench.ts). Those messages must not
 * be changed after recording (the session never hands them out). Everything else (our
 * requests, RESPONSEs whose data callers receive and may change) is copied and redacted at once.
 */
import { redactSecrets } from './redact';
import type { TrafficEntry } from './types';

export const DEFAULT_TRAFFIC_CAPACITY = 100;

/** A copy of `value` with secret-named fields replaced (the one redactor, without secret bytes). */
export function redact(value: unknown): unknown {
  return redactSecrets(value);
}

/** Inbound NOTIFY / POST: stored as is and redacted on read (see the module comment). */
function storedLazily(direction: 'in' | 'out', message: unknown): boolean {
  if (direction !== 'in' || message === null || typeof message !== 'object') return false;
  const action = (message as { action?: unknown }).action;
  return action === 'NOTIFY' || action === 'POST';
}

/** A ring slot; `lazy` messages are the caller's object, not yet redacted. */
interface Slot {
  at: number;
  direction: 'in' | 'out';
  message: unknown;
  lazy: boolean;
}

export class TrafficLog {
  readonly capacity: number;
  private readonly ring: Slot[] = [];
  private next = 0;

  constructor(
    capacity: number = DEFAULT_TRAFFIC_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = Math.max(1, Math.floor(capacity) || 1);
  }

  record(direction: 'in' | 'out', message: unknown): void {
    const lazy = storedLazily(direction, message);
    const slot: Slot = { at: this.now(), direction, message: lazy ? message : redact(message), lazy };
    if (this.ring.length < this.capacity) this.ring.push(slot);
    else this.ring[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first, redacted. */
  entries(): TrafficEntry[] {
    const ring = this.ring;
    const n = ring.length;
    const start = n < this.capacity ? 0 : this.next;
    const out: TrafficEntry[] = [];
    for (let i = 0; i < n; i++) {
      const slot = ring[(start + i) % n];
      out.push({ at: slot.at, direction: slot.direction, message: slot.lazy ? redact(slot.message) : slot.message });
    }
    return out;
  }

  get size(): number {
    return this.ring.length;
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
  }
}
