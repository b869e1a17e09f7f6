import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { ConnectionState, StateChange } from '../../src/protocol/types';
import { demoWasher } from '../../src/simulator/demo-profiles';
import { FakeTransport, ScriptedAppliance, waitState, type FakeCloseInfo } from '../support/fake-transport';

/** What one connection attempt does on the fake link. */
type Step =
  | { kind: 'refuse'; info: FakeCloseInfo }
  /** Opens, then closes with `info` before the appliance's first message (AES wrong key). */
  | { kind: 'open-then-close'; info: FakeCloseInfo }
  | { kind: 'ok' };

const OFFLINE: FakeCloseInfo = { reason: 'refused', error: new HomeConnectError('offline', 'connect ECONNREFUSED 127.0.0.1:9') };
const AES_WRONG_KEY: FakeCloseInfo = {
  reason: 'decrypt failed',
  error: new HomeConnectError('auth-failed', 'The first frame from the appliance could not be decrypted: key or iv is wrong.'),
};
const WEDGED: FakeCloseInfo = { reason: '404', error: new HomeConnectError('protocol', 'The appliance is not accepting connections: power-cycle it.') };

interface StepHarness {
  conn: ApplianceConnection;
  states: StateChange[];
  logs: Array<[string, string]>;
  transports: FakeTransport[];
}

/** A connection whose attempt i plays steps[min(i, last)] on a fake transport. */
function stepHarness(steps: Step[], timing: Partial<ConnectionTiming> = {}): StepHarness {
  const transports: FakeTransport[] = [];
  const logs: Array<[string, string]> = [];
  const states: StateChange[] = [];
  const log = (level: string) => (m: string) => logs.push([level, m]);
  const conn = new ApplianceConnection({
    record: demoWasher,
    profile: profileFromRecord(demoWasher),
    deviceId: 'test-device-id',
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    timing: { requestTimeoutMs: 500, handshakeTimeoutMs: 2000, pingIntervalMs: 1000, deadAfterMs: 5000, backoffMinMs: 2, backoffMaxMs: 10, ...timing },
    transportFactory: () => {
      const step = steps[Math.min(transports.length, steps.length - 1)]!;
      const t = new FakeTransport();
      transports.push(t);
      new ScriptedAppliance(t, { silentStart: step.kind !== 'ok' });
      if (step.kind === 'refuse') setImmediate(() => t.drop(step.info));
      else {
        t.open();
        if (step.kind === 'open-then-close') t.once('open', () => setImmediate(() => t.drop(step.info)));
      }
      return t;
    },
  });
  conn.on('state', (s) => states.push(s));
  return { conn, states, logs, transports };
}

function stateNames(list: StateChange[]): ConnectionState[] {
  return list.map((s) => s.state);
}

describe('ApplianceConnection failure streaks (no flapping)', () => {
  let h: StepHarness | undefined;
  afterEach(async () => {
    await h?.conn.stop();
    h = undefined;
  });

  it('AES wrong key: retries that open the socket stay auth-failed (one event), then connect when the key is right', async () => {
    const steps: Step[] = [1, 2, 3, 4, 5].map(() => ({ kind: 'open-then-close', info: AES_WRONG_KEY }) as Step);
    h = stepHarness([...steps, { kind: 'ok' }]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.strictEqual(h.transports.length, 6, 'five failed attempts, all of which opened the socket');
    // Only the first attempt is announced as handshaking: nothing is known to be wrong yet.
    assert.deepStrictEqual(stateNames(h.states), ['connecting', 'handshaking', 'auth-failed', 'connected']);
    assert.deepStrictEqual(stateNames(h.conn.history()), ['connecting', 'handshaking', 'auth-failed', 'connected']);
    assert.match(h.states[2]!.reason!, /key \(or iv\) is wrong/);
    assert.strictEqual(h.logs.filter(([level]) => level === 'error').length, 1, 'one error line for the streak');
  });

  it('a different failure ends the streak, and the next attempt is announced again', async () => {
    h = stepHarness([
      { kind: 'refuse', info: OFFLINE },
      { kind: 'refuse', info: OFFLINE },
      { kind: 'open-then-close', info: AES_WRONG_KEY },
      { kind: 'open-then-close', info: AES_WRONG_KEY },
      { kind: 'refuse', info: WEDGED },
      { kind: 'open-then-close', info: AES_WRONG_KEY },
      { kind: 'ok' },
    ]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.deepStrictEqual(stateNames(h.states), [
      'connecting', 'offline', 'auth-failed', 'error', 'connecting', 'handshaking', 'auth-failed', 'connected',
    ]);
    assert.deepStrictEqual(stateNames(h.conn.history()), stateNames(h.states));
  });

  it('a socket that opens during an offline streak but then closes ends it as "disconnected"', async () => {
    h = stepHarness([
      { kind: 'refuse', info: OFFLINE },
      { kind: 'open-then-close', info: { code: 1006, reason: 'connection lost' } },
      { kind: 'ok' },
    ]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.deepStrictEqual(stateNames(h.states), ['connecting', 'offline', 'disconnected', 'connecting', 'handshaking', 'connected']);
  });
});
