/**
 * connectOnce, the one "connect and wait" behind `send` and the dialog's Test connection:
 * resolves connected, or rejects at the first failure with the connection's own reason.
 */
import assert from 'assert';
import { connectOnce } from '../../src/appliance/connect-once';
import { HomeConnectError } from '../../src/errors';
import type { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { closedPort } from '../support/fake-cloud';

const NO_RETRY = { backoffMinMs: 3_600_000, backoffMaxMs: 3_600_000 };

async function failure(p: Promise<ApplianceConnection>): Promise<HomeConnectError> {
  try {
    const c = await p;
    await c.stop();
  } catch (e) {
    assert.ok(e instanceof HomeConnectError, String(e));
    return e;
  }
  assert.fail('connected unexpectedly');
}

describe('connectOnce (integration, 127.0.0.1)', function () {
  this.timeout(15_000);
  let sim: ApplianceSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  for (const record of [demoDishwasher, demoWasher]) {
    it(`${record.connectionType}: resolves a connected connection the caller stops`, async () => {
      sim = new ApplianceSimulator({ record, host: '127.0.0.1', port: 0 });
      const { port } = await sim.start();
      const c = await connectOnce({ record: { ...record, host: `127.0.0.1:${port}` }, timeoutMs: 10_000 });
      assert.strictEqual(c.state, 'connected');
      assert.strictEqual(sim.activeConnections, 1);
      await c.stop();
    });
  }

  it('nothing listening: offline at once, with state and reason in details, and nothing left running', async () => {
    const port = await closedPort();
    const e = await failure(connectOnce({ record: { ...demoWasher, host: `127.0.0.1:${port}` }, timeoutMs: 10_000, timing: NO_RETRY }));
    assert.strictEqual(e.kind, 'offline');
    assert.match(e.message, new RegExp(`^Could not connect to washer \\(${demoWasher.haId}\\) at 127\\.0\\.0\\.1:${port} \\(offline\\): `));
    assert.strictEqual(e.details?.state, 'offline');
    assert.ok(typeof e.details?.reason === 'string' && e.message.endsWith(e.details.reason));
  });

  it('a wrong key is auth-failed; a silent appliance is a timeout', async () => {
    sim = new ApplianceSimulator({ record: demoDishwasher, host: '127.0.0.1', port: 0 });
    const { port } = await sim.start();
    const host = `127.0.0.1:${port}`;
    const wrong = await failure(
      connectOnce({
        record: { ...demoDishwasher, host, key: Buffer.alloc(32, 7).toString('base64url') },
        timeoutMs: 10_000,
        timing: NO_RETRY,
      }),
    );
    assert.strictEqual(wrong.kind, 'auth-failed');
    sim.faults.neverRespond('/ro/allMandatoryValues');
    const silent = await failure(connectOnce({ record: { ...demoDishwasher, host }, timeoutMs: 300, timing: NO_RETRY }));
    assert.strictEqual(silent.kind, 'timeout');
    assert.match(silent.message, /^No answer from .* within 300 ms\.$/);
    assert.strictEqual(silent.details?.reason, `No answer from the appliance at ${host} within 300 ms.`);
  });
});
