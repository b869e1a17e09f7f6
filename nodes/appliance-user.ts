import { errorMessage, isHomeConnectError } from '../src/errors';
import { findAccount } from './account-node';
import type { AccountNode, SharedConnection, ConnectionUser } from './account-node';
import type { RedAPI, RedNode } from './red-types';
import { connectionStatus, setupProblemStatus } from './status';
import type { SetupProblem } from './status';

export interface UserConfig {
  id: string;
  name?: string;
  account?: string;
  appliance?: string;
}

export interface Attachment {
  account: AccountNode;
  connection: SharedConnection;
}

/**
 * Connects an in/out node to its account's shared appliance connection, or shows a red ring and
 * returns undefined (no listeners added) when the account or appliance cannot be used. Adds the
 * close handler that deregisters, with done() always called.
 */
export function attachToAccount(RED: RedAPI, node: RedNode, config: UserConfig, user: ConnectionUser): Attachment | undefined {
  const account = findAccount(RED, config.account);
  if (!account) {
    node.status(setupProblemStatus('no-config'));
    return undefined;
  }
  const haId = typeof config.appliance === 'string' ? config.appliance : '';
  let connection: SharedConnection;
  try {
    connection = account.register(user, haId);
  } catch (e) {
    const problem = (isHomeConnectError(e) && (e.details?.problem as SetupProblem | undefined)) || 'no-appliance';
    node.status(setupProblemStatus(problem));
    node.warn(errorMessage(e));
    return undefined;
  }
  node.status(connectionStatus(connection.client.state));
  node.on('close', (removed: boolean, done: () => void) => {
    // deregister is async: a failure is a rejection, never a throw.
    account
      .deregister(user, haId, removed)
      .catch(() => undefined)
      .finally(() => done());
  });
  return { account, connection };
}
