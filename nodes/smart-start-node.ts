import { HomeConnectError, errorMessage } from '../src/errors';
import { isPlainObject } from '../src/guards';
import { SmartStarter, planTimes, type SmartStartEvent, type SmartStartRequest } from '../src/planner';
import type { StateChange, ValueChange } from '../src/protocol/types';
import type { ConnectionUser } from './account-node';
import { attachToAccount, type UserConfig } from './appliance-user';
import { toNodeError } from './out-node';
import type { DoneFunction, NodeMessage, RedAPI, RedNode, SendFunction } from './red-types';
import { I18N, connectionStatus } from './status';

export const SMART_START_TYPE = 'homeconnect-local-smart-start';

interface SmartStartConfig extends UserConfig {
  program?: string;
  options?: string;
  deadline?: string;
  objective?: string;
  fallback?: string;
  duration?: string | number;
}

function configOptions(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('options must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** msg properties override the node's settings (README "Smart start"). */
function requestFrom(msg: NodeMessage, base: Omit<SmartStartRequest, 'series'>): SmartStartRequest {
  const request: SmartStartRequest = { ...base, series: msg.payload };
  if (msg.deadline !== undefined && msg.deadline !== null && msg.deadline !== '') request.deadline = msg.deadline;
  if (typeof msg.program === 'string' || typeof msg.program === 'number') request.program = msg.program;
  if (msg.options !== undefined) {
    if (!isPlainObject(msg.options)) throw new HomeConnectError('validation', 'msg.options must be an object of option keys and values.');
    request.options = msg.options;
  }
  if (Array.isArray(msg.energyShape)) request.energyShape = msg.energyShape as number[];
  return request;
}

export function registerSmartStartNode(RED: RedAPI): void {
  function HomeConnectSmartStartNode(this: RedNode, config: SmartStartConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    let base: Omit<SmartStartRequest, 'series'>;
    try {
      const duration = Number(config.duration);
      const options = configOptions(config.options);
      base = {
        deadline: config.deadline && config.deadline.trim() !== '' ? config.deadline.trim() : '07:00',
        objective: config.objective === 'solar' ? 'solar' : 'cheapest',
        fallback: config.fallback === 'deadline' ? 'deadline' : 'now',
        ...(config.program && config.program.trim() !== '' ? { program: config.program.trim() } : {}),
        ...(options ? { options } : {}),
        ...(Number.isFinite(duration) && duration > 0 ? { durationS: duration } : {}),
      };
    } catch (e) {
      node.status({ fill: 'red', shape: 'ring', text: `${I18N}.smart.status.bad-config` });
      node.error(`Smart start: ${errorMessage(e)}`);
      return;
    }

    // The input being handled: its done() is called by the first event, later events go to node.error(err, msg).
    let current: { msg: NodeMessage; send: SendFunction; done?: DoneFunction } | undefined;
    let planned = false;

    const onEvent = (event: SmartStartEvent) => {
      const c = current;
      if (event.type === 'error') {
        const err = toNodeError(event.error);
        if (c?.done) {
          const done = c.done;
          c.done = undefined;
          done(err);
        } else {
          node.error(err, c?.msg);
        }
        node.status({ fill: 'red', shape: 'dot', text: RED._(`${I18N}.smart.status.failed`, { reason: event.error.kind }) });
        return;
      }
      planned = true;
      if (event.type === 'waiting') {
        node.status({ fill: 'yellow', shape: 'ring', text: `${I18N}.smart.status.waiting-${event.reason}` });
      } else {
        const t = planTimes(event.plan);
        const text = RED._(`${I18N}.smart.status.${t.saves !== null ? 'planned-saving' : 'planned'}`, t);
        node.status({ fill: event.type === 'armed' ? 'green' : 'blue', shape: 'dot', text });
        if (c) {
          const payload =
            event.type === 'kept' ? { ...event.plan, kept: true, reason: event.reason } : { ...event.plan, rearmed: event.rearmed };
          c.send({ ...c.msg, payload });
        }
      }
      if (c?.done) {
        const done = c.done;
        c.done = undefined;
        done();
      }
    };

    let starter: SmartStarter | undefined;
    const user: ConnectionUser = {
      node,
      connectionChanged(change: StateChange) {
        if (!planned || change.state !== 'connected') node.status(connectionStatus(change.state));
      },
      valuesChanged(changes: ValueChange[]) {
        starter?.valuesChanged(changes);
      },
    };
    const attached = attachToAccount(RED, node, config, user);
    if (!attached) return;
    starter = new SmartStarter({ client: attached.connection.client, profile: attached.connection.profile }, onEvent);
    const active = starter;
    node.on('close', (_removed: boolean, done: () => void) => {
      try {
        active.dispose();
      } finally {
        done();
      }
    });

    node.on('input', (msg: NodeMessage, send: SendFunction, done: DoneFunction) => {
      let request: SmartStartRequest;
      try {
        request = requestFrom(msg, base);
      } catch (e) {
        done(toNodeError(e));
        return;
      }
      current = { msg, send, done };
      const mine = current;
      void active.request(request).finally(() => {
        // Waiting without an event would leave the input open: close it.
        if (mine.done) {
          const d = mine.done;
          mine.done = undefined;
          d();
        }
      });
    });
  }

  RED.nodes.registerType(SMART_START_TYPE, HomeConnectSmartStartNode);
}
