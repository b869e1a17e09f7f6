/**
 * Discovery on the loopback interface only: every socket here joins and sends on 127.0.0.1, so no
 * query or announcement reaches another interface.
 */
import * as assert from 'assert';
import { discoverAppliances, findAppliance } from '../../src/discovery';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import type { ConnectionState } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { startCli, runCli } from './cli-runner';

/** Loopback only, on a port of this run's own (another test run on the machine must not answer). */
const MDNS_PORT = 20_000 + Math.floor(Math.random() * 20_000);
const LOOPBACK = { interface: '127.0.0.1', port: MDNS_PORT };
const CLI_ENV = { HOMECONNECT_MDNS_PORT: String(MDNS_PORT) };

describe('discovery over mDNS (loopback)', function () {
  this.timeout(20_000);
  const sims: ApplianceSimulator[] = [];
  const clients: ApplianceConnection[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    for (const s of sims.splice(0)) await s.stop();
  });

  async function advertised(index: 0 | 1, extra: Partial<ReturnType<typeof demoRecords>[number]> = {}): Promise<ApplianceSimulator> {
    const sim = new ApplianceSimulator({ record: { ...demoRecords()[index], ...extra }, advertise: LOOPBACK });
    sims.push(sim);
    await sim.start();
    return sim;
  }

  it('finds an advertised simulator with its haId, address, port, transport, brand and type', async () => {
    const dw = await advertised(0);
    const wm = await advertised(1);
    const found = await discoverAppliances({ ...LOOPBACK, timeoutMs: 2000 });
    const byId = new Map(found.map((a) => [a.haId, a]));
    const d = byId.get(dw.record.haId);
    const w = byId.get(wm.record.haId);
    assert.ok(d && w, JSON.stringify(found));
    assert.deepStrictEqual([d.host, d.port, d.transport, d.type], ['127.0.0.1', dw.port, 'tls', dw.record.type]);
    assert.deepStrictEqual([w.host, w.port, w.transport, w.type], ['127.0.0.1', wm.port, 'aes', wm.record.type]);
  });

  it('a simulator that moves keeps its haId and announces the new port', async () => {
    const sim = await advertised(0);
    const before = sim.port;
    await sim.moveTo({ port: 0 });
    assert.notStrictEqual(sim.port, before);
    const found = await findAppliance(sim.record.haId, { ...LOOPBACK, timeoutMs: 2000 });
    assert.strictEqual(found?.port, sim.port);
  });

  it('a connection follows a moved appliance to its new port by itself', async () => {
    const sim = await advertised(1);
    const record = { ...sim.record, host: `127.0.0.1:${sim.port}` };
    const states: Array<{ state: ConnectionState; reason?: string }> = [];
    const client = new ApplianceConnection({
      record,
      timing: { backoffMinMs: 50, backoffMaxMs: 300, connectTimeoutMs: 1000, followAfterMs: 200 },
      addressLookup: async (haId) => {
        const a = await findAppliance(haId, { ...LOOPBACK, timeoutMs: 1500 });
        return a ? `${a.host}:${a.port}` : undefined;
      },
    });
    clients.push(client);
    client.on('state', (s) => states.push({ state: s.state, ...(s.reason ? { reason: s.reason } : {}) }));
    const connectedCount = () => states.filter((s) => s.state === 'connected').length;
    client.start();
    await waitUntil(() => connectedCount() === 1);
    await sim.moveTo({ port: 0 });
    await waitUntil(() => connectedCount() === 2, 10_000);
    assert.strictEqual(client.host, `127.0.0.1:${sim.port}`);
    assert.ok(
      states.some((s) => s.state === 'connecting' && s.reason === `address changed to 127.0.0.1:${sim.port}`),
      JSON.stringify(states),
    );
  });

  it('never connects to an appliance whose haId does not match, nor to an impostor with our haId but another key', async () => {
    const [dw] = demoRecords();
    // our appliance is gone; another one (other haId) announces itself
    const other = await advertised(1);
    const client = new ApplianceConnection({
      record: { ...dw, host: '127.0.0.1:1' },
      timing: { backoffMinMs: 50, backoffMaxMs: 200, connectTimeoutMs: 500, followAfterMs: 100 },
      addressLookup: async (haId) => {
        const a = await findAppliance(haId, { ...LOOPBACK, timeoutMs: 800 });
        return a ? `${a.host}:${a.port}` : undefined;
      },
    });
    clients.push(client);
    const states: ConnectionState[] = [];
    client.on('state', (s) => states.push(s.state));
    client.start();
    await new Promise((r) => setTimeout(r, 2000));
    assert.strictEqual(other.connectionCount, 0, 'the other appliance was never contacted');
    assert.strictEqual(client.host, '127.0.0.1:1');
    // an impostor announcing our haId with a different key: followed, but the key check fails
    const impostorKey = Buffer.alloc(32, 7).toString('base64url');
    const impostor = new ApplianceSimulator({ record: { ...dw, key: impostorKey }, advertise: LOOPBACK });
    sims.push(impostor);
    await impostor.start();
    await waitUntil(() => client.host === `127.0.0.1:${impostor.port}`, 8000);
    await waitUntil(() => states.includes('auth-failed'), 8000);
    assert.ok(!states.includes('connected'));
  });

  describe('CLI', () => {
    it('simulate --advertise, then discover finds it within 2 s and prints one JSON line', async () => {
      const sim = startCli(['simulate', '--demo', 'washer', '--bind', '127.0.0.1', '--advertise'], CLI_ENV);
      try {
        const listening = await sim.waitForLine((l) => 'listening' in l);
        const port = Number(new URL(String(listening.listening)).port);
        const r = await runCli(['discover', '--interface', '127.0.0.1', '--timeout', '2'], CLI_ENV);
        assert.strictEqual(r.code, 0, r.stderr);
        const lines = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        const line = lines.find((l) => l.haId === listening.haId);
        assert.ok(line, r.stdout);
        assert.deepStrictEqual(Object.keys(line).slice(0, 6), ['haId', 'host', 'port', 'transport', 'brand', 'type']);
        assert.deepStrictEqual([line.host, line.port, line.transport], ['127.0.0.1', port, 'aes']);
      } finally {
        sim.kill();
        await sim.exited;
      }
    });

    it('nothing answers: exit 0, no lines, and a hint about containers on stderr', async () => {
      const r = await runCli(['discover', '--interface', '127.0.0.1', '--timeout', '0.5'], CLI_ENV);
      assert.strictEqual(r.code, 0);
      assert.strictEqual(r.stdout, '');
      assert.match(
        r.stderr,
        /^homeconnect-local: no mDNS answers on 127\.0\.0\.1 within 0\.5 s; is this running in a container without host networking\?/,
      );
    });

    it('a bad --interface or --timeout is a usage error', async () => {
      assert.strictEqual((await runCli(['discover', '--interface', 'eth0'])).code, 2);
      assert.strictEqual((await runCli(['discover', '--timeout', '-1'])).code, 2);
    });
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
