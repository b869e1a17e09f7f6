import type { ConnectionState } from '../src/protocol/types';
import type { NodeStatus } from './red-types';

/** Prefix of every key in locales/<lang>/homeconnect-local.json. */
export const I18N = 'homeconnect-local';

/** Why a node cannot use its appliance at all (shown as a red ring, no listeners added). */
export type SetupProblem = 'no-config' | 'no-appliance' | 'no-profile';

/**
 * All status writes go through here: one place maps connection states to colour, shape and a
 * short i18n key (the editor translates keys; the Status node sees the key).
 */
export function connectionStatus(state: ConnectionState): NodeStatus {
  switch (state) {
    case 'connected':
      return { fill: 'green', shape: 'dot', text: `${I18N}.status.connected` };
    case 'connecting':
    case 'handshaking':
      return { fill: 'yellow', shape: 'ring', text: `${I18N}.status.connecting` };
    case 'offline':
      return { fill: 'red', shape: 'ring', text: `${I18N}.status.offline` };
    case 'auth-failed':
      return { fill: 'red', shape: 'dot', text: `${I18N}.status.auth-failed` };
    case 'error':
      return { fill: 'red', shape: 'dot', text: `${I18N}.status.error` };
    case 'disconnected':
    default:
      return { fill: 'grey', shape: 'ring', text: `${I18N}.status.disconnected` };
  }
}

export function setupProblemStatus(problem: SetupProblem): NodeStatus {
  return { fill: 'red', shape: 'ring', text: `${I18N}.status.${problem}` };
}
