import { parseCommand, runCommand } from '../src/appliance/commands';
import type { ApplianceCommand } from '../src/appliance/commands';
import type { StateChange } from '../src/protocol/types';
import type { ConnectionUser } from './account-node';
import { attachToAccount } from './appliance-user';
import type { UserConfig } from './appliance-user';
import { toNodeError } from './node-error';
import type { DoneFunction, NodeMessage, RedAPI, RedNode, SendFunction } from './red-types';
import { connectionStatus } from './status';

export { toNodeError };

export const OUT_TYPE = 'homeconnect-local-out';

interface OutConfig extends UserConfig {
  allowDangerous?: boolean | string;
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
