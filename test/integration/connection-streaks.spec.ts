import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import { connectTransport } from '../../src/protocol/client-transport';
import type { ConnectionState, StateChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';

const SHORT: Partial<ConnectionTiming> = {
  connectTimeoutMs: 3000,
  handshakeTimeoutMs: 10_000,
  requestTimeoutMs: 3000,
  pingIntervalMs: 200,
  deadAfterMs: 10_000,
  backoffMinMs: 10,
  backoffMaxMs: 40,
};

async function until(cond: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Failure streaks against the simulator: a wrong key is reported once however many retries
 * follow, and a stalled appliance is given up on after initialMessageTimeoutMs, not the whole
 * handshake timeout.
 */
describe('ApplianceConnection streaks and the first-message timeout (integration)', function () {
  this.timeout(15_000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;
  let states: StateChange[] = [];
  let attempts = 0;
  let accepted = 0;
  let errors: string[] = [];

  afterEach(async () => {
    await conn?.stop();
    await sim?.stop();
    conn = sim = undefined;
  });

  async function setup(
    record: ApplianceRecord,
    patch: Partial<ApplianceRecord>,
    timing: Partial<ConnectionTiming>,
  ): Promise<ApplianceConnection> {
    sim = new ApplianceSimulator({ record, services: 'iz' });
    await sim.start();
    accepted = 0;
    sim.on('connection', () => accepted++);
    states = [];
    errors = [];
    attempts = 0;
    conn = new ApplianceConnection({
      record: { ...record, host: sim.hostPort, ...patch },
      deviceId: 'integration-test',
      timing: { ...SHORT, ...timing },
      transportFactory: (o) => {
        attempts++;
        return connectTransport(o);
      },
      logger: { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) },
    });
    conn.on('state', (s) => states.push(s));
    return conn;
  }

  const names = (list: StateChange[]): ConnectionState[] => list.map((s) => s.state);

  for (const [record, transport, expected] of [
    [demoWasher, 'AES', ['connecting', 'handshaking', 'auth-failed']],
    [demoDishwasher, 'TLS', ['connecting', 'auth-failed']],
  ] as const) {
    it(`${transport}: a wrong key is one auth-failed state over many retries, no flapping`, async () => {
      const c = await setup(record, { key: Buffer.alloc(32, 7).toString('base64url') }, {});
      c.start();
      await until(() => attempts >= 6, 'six connection attempts');
      if (transport === 'AES') assert.ok(accepted >= 5, 'the AES attempts did open the websocket');
      assert.deepStrictEqual(names(states), expected);
      assert.strictEqual(states.filter((s) => s.state === 'auth-failed').length, 1);
      assert.deepStrictEqual(names(c.history()), expected);
      assert.strictEqual(c.state, 'auth-failed');
      assert.strictEqual(errors.length, 1, 'one error line for the streak');
    });
  }

  for (const record of [demoWasher, demoDishwasher]) {
    it(`${record.connectionType}: a stalled appliance is given up on after initialMessageTimeoutMs, retried, and connects when the stall ends`, async () => {
      const c = await setup(record, {}, { initialMessageTimeoutMs: 300 });
      sim!.faults.stall(true);
      c.start();
      await until(() => states.some((s) => s.state === 'error'), 'the first attempt to give up');
      const failed = states.find((s) => s.state === 'error')!;
      assert.match(failed.reason!, /did not open the session \(no \/ei\/initialValues within 300 ms\)/);
      const n = attempts;
      await until(() => attempts >= n + 1, 'a retry while stalled');
      sim!.faults.stall(false);
      await until(() => c.state === 'connected', 'connected after the stall');
      assert.deepStrictEqual(sim!.violations, []);
      assert.ok(
        names(states).every((s) => ['connecting', 'handshaking', 'error', 'connected'].includes(s)),
        names(states).join(','),
      );
    });
  }
});
