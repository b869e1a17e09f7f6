/**
 * Reconnect delays: exponential growth with jitter between a floor and a ceiling
 * (protocol.md §3.10 — never hammer an appliance that is off or wedged). Pure: the random
 * source is injectable so tests can check the bounds exactly.
 */

export interface BackoffOptions {
  /** Delay of the first retry (before jitter) and the lower bound of every delay. */
  minMs: number;
  /** Upper bound of every delay. */
  maxMs: number;
  /** Uniform [0, 1) source; default Math.random. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0 = first retry): min·2^attempt capped at max,
 * scaled by a jitter factor in [0.75, 1.25), then clamped into [min, max] so parallel
 * connections spread out but never leave the bounds.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const min = Math.max(0, opts.minMs);
  const max = Math.max(min, opts.maxMs);
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2^n overflows to Infinity for large n; Math.min keeps it at max.
  const base = Math.min(max, min * Math.pow(2, Math.min(n, 1024)));
  const r = (opts.random ?? Math.random)();
  const jitter = 0.75 + 0.5 * (Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5);
  return Math.round(Math.min(max, Math.max(min, base * jitter)));
}

/** Stateful helper: next() grows the delay, reset() after a successful connection. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly opts: BackoffOptions) {}

  /** Number of delays handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  next(): number {
    return backoffDelay(this.attempt++, this.opts);
  }

  reset(): void {
    this.attempt = 0;
  }
}
