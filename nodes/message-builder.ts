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
  /** Human label of the key in Node-RED's language (issue 13). */
  label?: string;
  /** Human label of an enum (or program) value. */
  valueLabel?: string;
  /** Derived absolute times of a countdown (ISO). */
  finishAt?: string;
  startAt?: string;
  /** true: this value was completed by the node, not reported by the appliance. */
  derived?: boolean;
}

/** Fields added to msg.homeconnect beside the appliance's own. */
export type ChangeExtras = Pick<ChangeInfo, 'label' | 'valueLabel' | 'finishAt' | 'startAt' | 'derived'>;

/** One message per changed feature: topic `<appliance>/<full key>`, payload the decoded value. */
export function changeMessage(appliance: ApplianceRef, change: ValueChange, extras: ChangeExtras = {}): NodeMessage {
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
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) (info as unknown as Record<string, unknown>)[k] = v;
  return { topic: `${appliance.name}/${change.key}`, payload: change.value, homeconnect: info };
}

/** One message per update batch: payload = every current value (that passes the filter) by full key. */
export function stateMessage(
  appliance: ApplianceRef,
  snapshot: Record<string, unknown>,
  accept: (key: string) => boolean,
  derived?: ReadonlySet<string>,
): NodeMessage {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(snapshot).sort()) {
    if (accept(key)) setOwn(payload, key, snapshot[key]);
  }
  const info: Record<string, unknown> = { haId: appliance.haId, appliance: appliance.name };
  // Keys whose value the node completed (end of program), not the appliance.
  if (derived && derived.size > 0) {
    info.derived = true;
    info.derivedKeys = [...derived].filter((k) => accept(k)).sort();
  }
  return { topic: appliance.name, payload, homeconnect: info };
}

/** Connection changes: topic `<appliance>/connection`, payload the state name. */
export function connectionMessage(appliance: ApplianceRef, state: ConnectionState, reason?: string): NodeMessage {
  const info: Record<string, unknown> = { haId: appliance.haId, appliance: appliance.name };
  if (reason !== undefined) info.reason = reason;
  return { topic: `${appliance.name}/connection`, payload: state, homeconnect: info };
}
