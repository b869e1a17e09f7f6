import type { ConnectionState, ValueChange } from '../src/protocol/types';
import { setOwn } from '../src/profile/own-key';
import type { NodeMessage } from './red-types';

/** What every in-node message says about its appliance. */
export interface ApplianceRef {
  haId: string;
  /** The appliance's display name: first segment of every topic. */
  name: string;
}

/** msg.homeconnect of a `changes` message (public contract, issue 4). */
export interface ChangeInfo {
  haId: string;
  appliance: string;
  key: string;
  uid: number;
  kind: string;
  raw: unknown;
  unit?: string;
  previous?: unknown;
}

/** One message per changed feature: topic `<appliance>/<full key>`, payload the decoded value. */
export function changeMessage(appliance: ApplianceRef, change: ValueChange): NodeMessage {
  const info: ChangeInfo = {
    haId: appliance.haId,
    appliance: appliance.name,
    key: change.key,
    uid: change.uid,
    kind: change.kind,
    raw: change.raw,
  };
  if (change.unit !== undefined) info.unit = change.unit;
  if (change.previous !== undefined) info.previous = change.previous;
  return { topic: `${appliance.name}/${change.key}`, payload: change.value, homeconnect: info };
}

/** One message per update batch: payload = every current value (that passes the filter) by full key. */
export function stateMessage(appliance: ApplianceRef, snapshot: Record<string, unknown>, accept: (key: string) => boolean): NodeMessage {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(snapshot).sort()) {
    if (accept(key)) setOwn(payload, key, snapshot[key]);
  }
  return { topic: appliance.name, payload, homeconnect: { haId: appliance.haId, appliance: appliance.name } };
}

/** Connection changes: topic `<appliance>/connection`, payload the state name. */
export function connectionMessage(appliance: ApplianceRef, state: ConnectionState, reason?: string): NodeMessage {
  const info: Record<string, unknown> = { haId: appliance.haId, appliance: appliance.name };
  if (reason !== undefined) info.reason = reason;
  return { topic: `${appliance.name}/connection`, payload: state, homeconnect: info };
}
