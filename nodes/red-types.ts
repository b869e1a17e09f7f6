/**
 * The small part of the Node-RED runtime API these nodes use. Node-RED ships no types and we
 * add no dependency for them; both 4.x and 5.x provide exactly this surface.
 */

export type StatusFill = 'red' | 'green' | 'yellow' | 'blue' | 'grey';
export type StatusShape = 'ring' | 'dot';

export interface NodeStatus {
  fill?: StatusFill;
  shape?: StatusShape;
  /** An i18n key of our catalog (translated by the editor) or plain text. */
  text?: string;
}

export interface NodeMessage {
  _msgid?: string;
  topic?: unknown;
  payload?: unknown;
  [key: string]: unknown;
}

export type SendFunction = (msg: NodeMessage | Array<NodeMessage | NodeMessage[] | null>) => void;
export type DoneFunction = (err?: Error) => void;

export interface RedNode {
  readonly id: string;
  readonly type: string;
  name?: string;
  credentials?: Record<string, string | undefined>;
  on(event: 'input', listener: (msg: NodeMessage, send: SendFunction, done: DoneFunction) => void): void;
  on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
  status(status: NodeStatus): void;
  /** One message, or one entry per output: a message, several messages in order, or null for none. */
  send(msg: NodeMessage | Array<NodeMessage | NodeMessage[] | null>): void;
  log(text: unknown): void;
  warn(text: unknown): void;
  error(text: unknown, msg?: NodeMessage): void;
  debug(text: unknown): void;
}

export interface RedEvents {
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeListener(event: string, listener: (...args: unknown[]) => void): void;
}

export interface RedAPI {
  nodes: {
    createNode(node: object, config: object): void;
    registerType(
      type: string,
      ctor: (this: never, config: never) => void,
      options?: { credentials?: Record<string, { type: string }> },
    ): void;
    getNode(id: string): unknown;
  };
  events: RedEvents;
  _(key: string, substitutions?: Record<string, unknown>): string;
}
