import type { DecodedValue, DescriptionChangeItem } from '../profile/types';

export type ConnectionState =
  | 'disconnected'
  | 'connecting'
  | 'handshaking'
  | 'connected'
  | 'offline'
  | 'auth-failed'
  | 'error';

export interface StateChange {
  state: ConnectionState;
  /** Why the state changed: a sentence for a person, never a secret. */
  reason?: string;
  at: number;
}

/** One value that changed; previous is absent for the first value seen. */
export interface ValueChange extends DecodedValue {
  previous?: unknown;
  previousRaw?: unknown;
}

/** Device info from /iz/info or /ci/info (fields vary between appliances). */
export type DeviceInfo = Record<string, unknown>;

export interface ConnectionEvents {
  state: (change: StateChange) => void;
  /** One batch per NOTIFY / initial read; only values that differ from the last known ones. */
  values: (changes: ValueChange[]) => void;
  description: (items: DescriptionChangeItem[]) => void;
}
