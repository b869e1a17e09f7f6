/**
 * Ring buffer of the last messages in and out of a connection, for diagnostics. Entries are
 * redacted copies taken when recorded, so nothing logged later can leak a secret or be
 * mutated by the caller.
 */
import type { TrafficEntry } from './types';

export const DEFAULT_TRAFFIC_CAPACITY = 100;

/** Field names whose values never appear in diagnostics (compared lower-case). */
const SECRET_FIELDS = new Set(['key', 'iv', 'psk', 'password', 'passwd', 'token', 'secret', 'nonce', 'response']);

/** A copy of `value` with secret-looking fields replaced; cycles and depth are bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_FIELDS.has(k.toLowerCase()) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export class TrafficLog {
  private readonly ring: Array<TrafficEntry | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number = DEFAULT_TRAFFIC_CAPACITY, private readonly now: () => number = Date.now) {
    this.ring = new Array(Math.max(1, Math.floor(capacity)));
  }

  record(direction: 'in' | 'out', message: unknown): void {
    this.ring[this.next] = { at: this.now(), direction, message: redact(message) };
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
  }

  /** Oldest first. */
  entries(): TrafficEntry[] {
    const out: TrafficEntry[] = [];
    const start = (this.next - this.count + this.ring.length) % this.ring.length;
    for (let i = 0; i < this.count; i++) out.push(this.ring[(start + i) % this.ring.length]!);
    return out;
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
