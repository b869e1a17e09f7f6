/** The application envelope, one JSON object per websocket frame (protocol.md §3.1). */
export type Action = 'GET' | 'POST' | 'NOTIFY' | 'RESPONSE';

export interface Message {
  sID: number;
  msgID: number;
  resource: string;
  version: number;
  action: Action;
  data?: unknown[];
  code?: number;
}
