/**
 * The typed command of the one command model (what an out-node payload means). Declared here
 * with the command model's shape so the bridge library needs nothing from the Node-RED side.
 */
export type ApplianceCommand =
  | { type: 'values'; values: Record<string, unknown> }
  | {
      type: 'program';
      action: 'start' | 'select';
      program?: string | number;
      options?: Record<string, unknown>;
      startIn?: number;
      finishIn?: number;
    }
  | { type: 'stop' | 'pause' | 'resume' }
  | { type: 'command'; key: string | number; value?: unknown }
  | { type: 'raw'; resource: string; action: 'GET' | 'POST' | 'NOTIFY'; data?: unknown[] };

/** Reads an out-node payload into a command; throws HomeConnectError('validation'). */
export type PayloadParser = (payload: unknown) => ApplianceCommand;
