/**
 * Ring buffer of the last messages in and out of a connection, for diagnostics, redacted so
 * nothing read from it can leak a secret.
 *
 * Bounded in bytes, not only in entries: each slot keeps a truncated text copy of the frame
 * (at most MAX_TRAFFIC_TEXT characters), never the parsed message, so a hostile appliance
 * sending 1 MB frames costs at most capacity × MAX_TRAFFIC_TEXT here. Recording is on the
 * receive path and only copies a prefix; parsing and redaction happen when entries() is read.
 */
import { isSecretField, redactSecrets } from './redact';
import type { TrafficEntry } from './types';

export const DEFAULT_TRAFFIC_CAPACITY = 100;
/** Characters kept per message; longer frames are stored truncated (and marked so). */
export const MAX_TRAFFIC_TEXT = 2048;

/** A copy of `value` with secret-named fields replaced (the one redactor, without secret bytes). */
export function redact(value: unknown): unknown {
  return redactSecrets(value);
}

/** The same redaction on JSON text that may be cut off (a value at the end may be unterminated). */
export function redactText(text: string): string {
  return text.replace(/"([A-Za-z_]+)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s[{"]*)/g, (all, name: string, colon: string) =>
    isSecretField(name) ? `"${name}"${colon}"[redacted]"` : all,
  );
}

/** A ring slot: a truncated, flat copy of the message text. */
interface Slot {
  at: number;
  direction: 'in' | 'out';
  text: string;
  /** Length of the whole message text. */
  length: number;
}

function textOf(message: unknown): string {
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return '"[message could not be serialised]"';
  }
}

/** A prefix that owns its characters (a plain slice would keep the whole frame text alive). */
function ownPrefix(text: string): string {
  const cut = text.length > MAX_TRAFFIC_TEXT ? text.slice(0, MAX_TRAFFIC_TEXT) : text;
  return cut.length >= 13 ? (' ' + cut).slice(1) : cut;
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

  /** `text` is the message as sent or received, when the caller has it (saves a serialisation). */
  record(direction: 'in' | 'out', message: unknown, text?: string): void {
    const whole = text ?? textOf(message);
    const slot: Slot = { at: this.now(), direction, text: ownPrefix(whole), length: whole.length };
    if (this.ring.length < this.capacity) this.ring.push(slot);
    else this.ring[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first, redacted; a truncated message is `{ truncated: true, length, text }`. */
  entries(): TrafficEntry[] {
    const ring = this.ring;
    const n = ring.length;
    const start = n < this.capacity ? 0 : this.next;
    const out: TrafficEntry[] = [];
    for (let i = 0; i < n; i++) {
      const slot = ring[(start + i) % n];
      out.push({ at: slot.at, direction: slot.direction, message: readSlot(slot) });
    }
    return out;
  }

  /** Characters held (diagnostics and tests). */
  get textLength(): number {
    return this.ring.reduce((sum, s) => sum + s.text.length, 0);
  }

  get size(): number {
    return this.ring.length;
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
  }
}

function readSlot(slot: Slot): unknown {
  if (slot.length <= slot.text.length) {
    try {
      return redact(JSON.parse(slot.text));
    } catch {
      return { unparsed: redactText(slot.text) };
    }
  }
  return { truncated: true, length: slot.length, text: redactText(slot.text) };
}
