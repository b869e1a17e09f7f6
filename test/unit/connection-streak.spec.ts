import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { ConnectionState, StateChange } from '../../src/protocol/types';
import { demoWasher } from '../../src/simulator/demo-profiles';
import { FakeTransport, ScriptedAppliance, harness, waitState, type Harness } from '../support/fake-transport';
import type { TransportClose } from '../../src/protocol/client-transport';

/** What one connection attempt does on the fake link. */
type Step =
  | { kind: 'refuse'; info: TransportClose }
  /** Opens, then closes with `info` before the appliance's first message (AES wrong key). */
  | { kind: 'open-then-close'; info: TransportClose }
  /** Opens and never says anything. */
  | { kind: 'silent' }
  | { kind: 'ok' };

const OFFLINE: TransportClose = { reason: 'refused', error: new HomeConnectError('offline', 'connect ECONNREFUSED 127.0.0.1:9') };
const AES_WRONG_KEY: TransportClose = {
  reason: 'decrypt failed',
  error: new HomeConnectError('auth-failed', 'The first frame from the appliance could not be decrypted: the key or iv is wrong.'),
};
const WEDGED: TransportClose = {
  reason: '404',
  error: new HomeConnectError('protocol', 'The appliance is not accepting connections: power-cycle it.'),
};

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
    timing: {
      requestTimeoutMs: 500,
      handshakeTimeoutMs: 2000,
      pingIntervalMs: 1000,
      deadAfterMs: 5000,
      backoffMinMs: 2,
      backoffMaxMs: 10,
      ...timing,
    },
    transportFactory: () => {
      const step = steps[Math.min(transports.length, steps.length - 1)];
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
  let hh: Harness | undefined;
  afterEach(async () => {
    await h?.conn.stop();
    await hh?.conn.stop();
    h = hh = undefined;
  });

  it('AES wrong key: retries that open the socket stay auth-failed (one event), then connect when the key is right', async () => {
    const steps: Step[] = [1, 2, 3, 4, 5].map(() => ({ kind: 'open-then-close', info: AES_WRONG_KEY }));
    h = stepHarness([...steps, { kind: 'ok' }]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.strictEqual(h.transports.length, 6, 'five failed attempts, all of which opened the socket');
    // Only the first attempt is announced as handshaking: nothing is known to be wrong yet.
    assert.deepStrictEqual(stateNames(h.states), ['connecting', 'handshaking', 'auth-failed', 'connected']);
    assert.deepStrictEqual(stateNames(h.conn.history()), ['connecting', 'handshaking', 'auth-failed', 'connected']);
    assert.match(h.states[2].reason!, /the key or iv is wrong/);
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
      'connecting',
      'offline',
      'auth-failed',
      'error',
      'connecting',
      'handshaking',
      'auth-failed',
      'connected',
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

  it('an auth-failed streak is left by a first-message timeout as "error"', async () => {
    h = stepHarness(
      [{ kind: 'open-then-close', info: AES_WRONG_KEY }, { kind: 'open-then-close', info: AES_WRONG_KEY }, { kind: 'silent' }],
      { initialMessageTimeoutMs: 20 },
    );
    const failed = waitState(h.conn, 'error');
    h.conn.start();
    await failed;
    assert.deepStrictEqual(stateNames(h.states), ['connecting', 'handshaking', 'auth-failed', 'error']);
    assert.match(h.states[3].reason!, /no \/ei\/initialValues within 20 ms/);
  });

  it('the first message has its own short timeout; the attempt is retried and then connects', async () => {
    hh = harness([{ silentStart: true }, { silentStart: true }, {}], { initialMessageTimeoutMs: 20, handshakeTimeoutMs: 5000 });
    const connected = waitState(hh.conn, 'connected');
    hh.conn.start();
    await connected;
    assert.strictEqual(hh.transports.length, 3);
    const errors = hh.conn.history().filter((c) => c.state === 'error');
    assert.strictEqual(errors.length, 2, 'both silent attempts gave up');
    for (const e of errors) assert.match(e.reason!, /did not open the session \(no \/ei\/initialValues within 20 ms\)/);
    assert.ok(hh.transports[0].closed && hh.transports[1].closed, 'the silent links were closed');
  });

  it('the rest of the handshake is not held to the first-message timeout', async () => {
    hh = harness([{ replies: { '/ci/services': { silent: true } } }], { initialMessageTimeoutMs: 20, handshakeTimeoutMs: 5000 });
    const connected = waitState(hh.conn, 'connected');
    hh.conn.start();
    const link = hh.transports[0];
    const req = JSON.parse(await link.nextSentAfter(1)) as { msgID: number; resource: string; version: number };
    assert.strictEqual(req.resource, '/ci/services');
    // Answer only after several first-message timeouts have passed.
    await new Promise((r) => setTimeout(r, 100));
    link.push({
      sID: hh.apps[0].sID,
      msgID: req.msgID,
      resource: '/ci/services',
      version: req.version,
      action: 'RESPONSE',
      data: [
        { service: 'ci', version: 3 },
        { service: 'ei', version: 2 },
        { service: 'iz', version: 1 },
        { service: 'ro', version: 1 },
      ],
    });
    await connected;
    assert.strictEqual(hh.transports.length, 1, 'no retry');
    assert.deepStrictEqual(stateNames(hh.conn.history()), ['connecting', 'handshaking', 'connected']);
  });
});
