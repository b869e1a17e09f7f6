import { commandErrorFields, parseCommand, runCommand } from '../src/appliance/commands';
import type { ApplianceCommand } from '../src/appliance/commands';
import { HomeConnectError, errorMessage, isHomeConnectError } from '../src/errors';
import type { StateChange } from '../src/protocol/types';
import type { ConnectionUser } from './account-node';
import { attachToAccount } from './appliance-user';
import type { UserConfig } from './appliance-user';
import type { DoneFunction, NodeMessage, RedAPI, RedNode, SendFunction } from './red-types';
import { connectionStatus } from './status';

export const OUT_TYPE = 'homeconnect-local-out';

interface OutConfig extends UserConfig {
  allowDangerous?: boolean | string;
}

/**
 * The error handed to done(): Node-RED copies message, code and cause into msg.error, so the
 * appliance's code lands in msg.error.code and its name in msg.error.cause.name.
 */
export function toNodeError(e: unknown): Error {
  if (!isHomeConnectError(e)) return new Error(errorMessage(e));
  let message = e.message;
  if (e.code !== undefined && !message.includes(String(e.code))) {
    message += ` (code ${e.code}${e.codeName ? ` ${e.codeName}` : ''})`;
  } else if (e.codeName && !message.includes(e.codeName)) {
    message += ` (${e.codeName})`;
  }
  // The shared fields (kind, code, codeName), plus name: older flows read msg.error.cause.name.
  const cause: Record<string, unknown> = { ...commandErrorFields(e) };
  delete cause.message;
  if (e.codeName !== undefined) cause.name = e.codeName;
  if (e.details !== undefined) cause.details = e.details;
  return new HomeConnectError(e.kind, message, {
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.codeName !== undefined ? { codeName: e.codeName } : {}),
    cause,
  });
}

export function registerOutNode(RED: RedAPI): void {
  function HomeConnectOutNode(this: RedNode, config: OutConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const allowDangerous = config.allowDangerous === true || config.allowDangerous === 'true';
    const user: ConnectionUser = {
      node,
      connectionChanged(change: StateChange) {
        node.status(connectionStatus(change.state));
      },
    };
    const attached = attachToAccount(RED, node, config, user);
    // Without an account or appliance the red ring says why; no listeners are added.
    if (!attached) return;

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      let command: ApplianceCommand;
      try {
        command = parseCommand(msg.payload, msg.topic);
      } catch (e) {
        done(toNodeError(e));
        return;
      }
      runCommand(attached.connection, command, { allowDangerous }).then(
        (result) => {
          try {
            msg.payload = result;
            send(msg);
            done();
          } catch (e) {
            done(toNodeError(e));
          }
        },
        (e: unknown) => done(toNodeError(e)),
      );
    });
  }

  RED.nodes.registerType(OUT_TYPE, HomeConnectOutNode);
}
