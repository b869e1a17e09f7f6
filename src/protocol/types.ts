import type { DecodedValue, DescriptionChangeItem } from '../profile/types';

export type ConnectionState = 'disconnected' | 'connecting' | 'handshaking' | 'connected' | 'offline' | 'auth-failed' | 'error';

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

/** Options of a program start/select, keyed by full key, short key or uid; values as user values. */
export type OptionValues = Record<string, unknown>;

export interface WriteResult {
  ok: true;
  /** The resource written and what was sent (uids and raw values, no secrets). */
  resource: string;
  sent: unknown[];
  /** RESPONSE data, if the appliance sent any. */
  data?: unknown[];
}

export interface RawResponse {
  action: string;
  resource: string;
  code?: number;
  codeName?: string;
  data?: unknown[];
}

/** Entry of the diagnostics ring (last 100 messages in and out), already redacted. */
export interface TrafficEntry {
  at: number;
  direction: 'in' | 'out';
  message: unknown;
}

/**
 * What front doors (nodes, CLI) use of one appliance connection. Implemented by
 * ApplianceConnection (src/protocol/appliance-connection.ts). All writes reject with a
 * HomeConnectError (kind validation | not-connected | appliance-error | timeout |
 * unknown-outcome) and never throw synchronously.
 */
export interface ApplianceClient {
  readonly haId: string;
  readonly state: ConnectionState;
  readonly lastReason: string | undefined;
  /** Device info of the current/last session (/iz/info or /ci/info). */
  readonly info: DeviceInfo | undefined;
  start(): void;
  /** Closes the socket, clears every timer; the object can be started again. */
  stop(): Promise<void>;
  /** Current decoded state, keyed by full key. */
  snapshot(): Record<string, unknown>;
  /** Decoded current values with uid/raw/kind. */
  currentValues(): ValueChange[];
  setValues(values: Record<string, unknown>): Promise<WriteResult>;
  selectProgram(program: string | number, options?: OptionValues): Promise<WriteResult>;
  /** program omitted: start the program currently selected on the appliance. Never retried. */
  startProgram(program?: string | number, options?: OptionValues): Promise<WriteResult>;
  stopProgram(): Promise<WriteResult>;
  pauseProgram(): Promise<WriteResult>;
  resumeProgram(): Promise<WriteResult>;
  /** Run a boolean command (BSH.Common.Command.*) or a command with a value. */
  command(key: string | number, value?: unknown): Promise<WriteResult>;
  request(resource: string, action: 'GET' | 'POST' | 'NOTIFY', data?: unknown[]): Promise<RawResponse>;
  history(): StateChange[];
  traffic(): TrafficEntry[];
  on<E extends keyof ConnectionEvents>(event: E, listener: ConnectionEvents[E]): this;
  off<E extends keyof ConnectionEvents>(event: E, listener: ConnectionEvents[E]): this;
}
