import { HomeConnectError, errorMessage, isHomeConnectError } from '../src/errors';
import { isDangerousCommand, rawValueUid, resolveDelayedStart } from '../src/protocol/program-command';
import type { StateChange } from '../src/protocol/types';
import type { ApplianceSession, SessionUser } from './account-node';
import { attachToAccount } from './appliance-user';
import type { UserConfig } from './appliance-user';
import { parseOutMessage } from './command-parser';
import type { OutCommand } from './command-parser';
import type { DoneFunction, NodeMessage, RedAPI, RedNode, SendFunction } from './red-types';
import { connectionStatus } from './status';

export const OUT_TYPE = 'homeconnect-local-out';

interface OutConfig extends UserConfig {
  allowDangerous?: boolean | string;
}

/** Raw writes to these resources go through the same feature checks as settings; others are refused unless allowed. */
const SAFE_RAW_WRITE = new Set(['/ro/values', '/ro/activeProgram', '/ro/selectedProgram']);

function refuse(what: string): HomeConnectError {
  return new HomeConnectError(
    'validation',
    `${what} is refused: it can reset the appliance or cut its network. Tick "allow dangerous commands" in the node to send it.`,
  );
}

/** Full key of a reference when the profile knows it (for the danger check), else the reference as text. */
function fullKey(session: ApplianceSession, ref: string | number): string {
  try {
    return session.profile.find(ref)?.key ?? String(ref);
  } catch {
    return String(ref);
  }
}

function checkDangerous(session: ApplianceSession, refs: Array<string | number>, allowDangerous: boolean): void {
  if (allowDangerous) return;
  for (const ref of refs) {
    const key = fullKey(session, ref);
    if (isDangerousCommand(key)) throw refuse(`"${key}"`);
  }
}

/** The program selected on the appliance, for a delayed start of "the selected program". */
function selectedProgram(session: ApplianceSession): string {
  const root = session.profile.roots.selectedProgram;
  const value = root ? session.client.snapshot()[root.key] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new HomeConnectError('validation', 'No program is selected on the appliance: give "program" with startIn/finishIn.');
  }
  return value;
}

/** Runs one parsed command. Every failure is a HomeConnectError raised before or by the appliance. */
async function execute(session: ApplianceSession, cmd: OutCommand, allowDangerous: boolean): Promise<Record<string, unknown>> {
  const client = session.client;
  switch (cmd.type) {
    case 'values':
      checkDangerous(session, Object.keys(cmd.values), allowDangerous);
      return { ...(await client.setValues(cmd.values)) };
    case 'program': {
      const options: Record<string, unknown> = { ...(cmd.options ?? {}) };
      if (cmd.action === 'select') {
        if (cmd.program === undefined) throw new HomeConnectError('validation', 'Selecting needs a "program".');
        return { ...(await client.selectProgram(cmd.program, options)) };
      }
      if (cmd.startIn !== undefined || cmd.finishIn !== undefined) {
        const delay: { startIn?: number; finishIn?: number } = {};
        if (cmd.startIn !== undefined) delay.startIn = cmd.startIn;
        if (cmd.finishIn !== undefined) delay.finishIn = cmd.finishIn;
        Object.assign(options, resolveDelayedStart(session.profile, cmd.program ?? selectedProgram(session), delay));
      }
      const hasOptions = Object.keys(options).length > 0;
      return { ...(await client.startProgram(cmd.program, hasOptions ? options : undefined)) };
    }
    case 'stop':
      return { ...(await client.stopProgram()) };
    case 'pause':
      return { ...(await client.pauseProgram()) };
    case 'resume':
      return { ...(await client.resumeProgram()) };
    case 'command':
      checkDangerous(session, [cmd.key], allowDangerous);
      return { ...(await client.command(cmd.key, cmd.value)) };
    case 'raw': {
      if (cmd.action !== 'GET' && !allowDangerous) {
        if (!SAFE_RAW_WRITE.has(cmd.resource)) throw refuse(`A raw ${cmd.action} to ${cmd.resource}`);
        const uids = (cmd.data ?? []).flatMap((item) => {
          const i = item as Record<string, unknown> | null;
          if (!i || typeof i !== 'object' || (!('uid' in i) && cmd.resource !== '/ro/values')) return [];
          const uid = rawValueUid(i.uid);
          if (uid === undefined) throw refuse(`A raw ${cmd.action} to ${cmd.resource} with a uid that is not a whole number`);
          return [uid];
        });
        checkDangerous(session, uids, allowDangerous);
      }
      const response = await client.request(cmd.resource, cmd.action, cmd.data);
      if (response.code !== undefined) {
        const name = response.codeName ?? session.profile.errorName(response.code);
        throw new HomeConnectError(
          'appliance-error',
          `The appliance answered ${cmd.action} ${cmd.resource} with error ${response.code}${name ? ` (${name})` : ''}.`,
          { code: response.code, ...(name ? { codeName: name } : {}) },
        );
      }
      return { ok: true, ...response };
    }
  }
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
  const cause: Record<string, unknown> = { kind: e.kind };
  if (e.code !== undefined) cause.code = e.code;
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
    const user: SessionUser = {
      node,
      connectionChanged(change: StateChange) {
        node.status(connectionStatus(change.state));
      },
    };
    const attached = attachToAccount(RED, node, config, user);
    // Without an account or appliance the red ring says why; no listeners are added.
    if (!attached) return;

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      let command: OutCommand;
      try {
        command = parseOutMessage(msg);
      } catch (e) {
        done(toNodeError(e));
        return;
      }
      execute(attached.session, command, allowDangerous).then(
        (result) => {
          try {
            msg.payload = { ...result, ok: true };
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
