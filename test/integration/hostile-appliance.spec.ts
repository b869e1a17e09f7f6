/**
 * A hostile appliance (the simulator sending what we tell it): 1 MB frames of `[{},{},…]` keep
 * the heap bounded (the traffic log keeps truncated text, not parsed frames), a NOTIFY with
 * 44 000 items becomes at most MAX_ITEMS_PER_FRAME values with one warning, and a value nested
 * 120 000 deep still gets answers from the admin API (see test/nodes/admin-hostile.spec.ts).
 * HOMECONNECT_SOAK=1 runs the 1 MB frames for a minute instead of 30 frames.
 */
import * as assert from 'assert';
import * as v8 from 'v8';
import * as vm from 'vm';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { MAX_ITEMS_PER_FRAME } from '../../src/protocol/session';
import { DEFAULT_TRAFFIC_CAPACITY, MAX_TRAFFIC_TEXT } from '../../src/protocol/traffic-log';
import type { StateChange, ValueChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

/** The heap may grow by at most this much over the whole run (stated bound, issue "hostile appliance"). */
export const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** [{},{},…] filling about 1 MB with the NOTIFY envelope (below the 1 MiB frame limit). */
function megabyteOfEmptyObjects(): unknown[] {
  return new Array(330_000).fill(null).map(() => ({}));
}

describe('a hostile appliance', function () {
  const soak = process.env.HOMECONNECT_SOAK === '1';
  this.timeout(soak ? 180_000 : 60_000);
  let sim: ApplianceSimulator;
  let conn: ApplianceConnection;
  const warnings: string[] = [];

  beforeEach(async () => {
    const record: ApplianceRecord = { ...demoDishwasher };
    sim = new ApplianceSimulator({ record, host: '127.0.0.1', port: 0 });
    const { port } = await sim.start();
    warnings.length = 0;
    conn = new ApplianceConnection({
      record: { ...record, host: `127.0.0.1:${port}` },
      logger: { debug() {}, info() {}, warn: (t: string) => warnings.push(t), error: (t: string) => warnings.push(t) },
    });
    const connected = new Promise<void>((resolve) => {
      const on = (c: StateChange) => {
        if (c.state === 'connected') {
          conn.off('state', on);
          resolve();
        }
      };
      conn.on('state', on);
    });
    conn.start();
    await connected;
  });

  afterEach(async () => {
    await conn.stop();
    await sim.stop();
  });

  it(`1 MB frames ${soak ? 'for a minute' : '30 times'}: heap grows less than 64 MB, the traffic log stays small`, async function () {
    const before = heapAfterGc();
    const frame = megabyteOfEmptyObjects();
    const until = Date.now() + 60_000;
    let frames = 0;
    let peak = 0;
    while (soak ? Date.now() < until : frames < 30) {
      await sim.faults.notifyItems(frame);
      frames++;
      // Let the client receive and parse before the next one.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (frames % 10 === 0) peak = Math.max(peak, heapAfterGc() - before);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    peak = Math.max(peak, heapAfterGc() - before);
    assert.strictEqual(conn.state, 'connected', 'the connection survives');
    const traffic = conn.traffic();
    assert.ok(traffic.length <= DEFAULT_TRAFFIC_CAPACITY);
    const held = traffic.reduce((n, t) => n + JSON.stringify(t.message).length, 0);
    assert.ok(held < DEFAULT_TRAFFIC_CAPACITY * (MAX_TRAFFIC_TEXT + 200), `traffic log holds ${held} characters`);
    assert.ok(
      traffic.some((t) => (t.message as { truncated?: boolean }).truncated === true),
      'big frames are kept truncated',
    );
    assert.ok(peak < HEAP_GROWTH_BOUND, `heap grew by ${Math.round(peak / 1048576)} MB over ${frames} frames`);
    console.log(`      ${frames} frames of ~1 MB: heap growth after GC at most ${(peak / 1048576).toFixed(1)} MB`);
  });

  it(`a NOTIFY of 44 000 items gives at most ${MAX_ITEMS_PER_FRAME} values and one warning`, async function () {
    const values: ValueChange[][] = [];
    conn.on('values', (v: ValueChange[]) => values.push(v));
    const items = Array.from({ length: 44_000 }, (_, i) => ({ uid: 527, value: i % 2 }));
    await sim.faults.notifyItems(items);
    await sim.faults.notifyItems(items);
    const deadline = Date.now() + 10_000;
    while (values.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(values.length, 2);
    for (const batch of values) assert.ok(batch.length <= MAX_ITEMS_PER_FRAME, `${batch.length} values`);
    assert.strictEqual(warnings.filter((w) => /44000 items/.test(w)).length, 1, warnings.join('\n'));
  });
});
