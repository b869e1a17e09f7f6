import type { ServerConnection } from '../protocol/server-transport';

/** One client socket and where it is in the handshake (not the protocol session: sID is the simulator's). */
export interface ClientLink {
  id: number;
  conn: ServerConnection;
  /** Appliance msgID of the initialValues POST this link must answer. */
  initialMsgID: number;
  replied: boolean;
  registered: boolean;
  deviceReady: boolean;
  /** Client msgID expected next. */
  nextMsgId: number;
  client?: { deviceType: unknown; deviceName: unknown; deviceID: unknown };
  closed: boolean;
}

/** silent: apply `after` but send no RESPONSE (a lost answer). */
export type Answer = { data?: unknown[]; code?: number; after?: () => void; silent?: boolean } | undefined;
