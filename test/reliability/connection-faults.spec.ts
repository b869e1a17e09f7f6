import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import type { ConnectionState, StateChange, ValueChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import type { ConnectionTiming } from '../../src/protocol/appliance-connection';
import { FAULT_TIMING, InvariantWatch, backoffDelays, sendAsAppliance, serverConnections, sleep, until } from './fault-harness';

const PROGRESS = 'BSH.Common.Option.ProgramProgress';
const CHILD_LOCK = 'BSH.Common.Setting.ChildLock';
/**
 * The simulator runs in this process and queues a whole burst synchronously (AES: encrypting
 * thousands of frames), which blocks the shared event loop for longer than deadAfterMs; a
 * longer deadAfterMs keeps that test artefact from being taken for a dead link.
 */
const BURST_TIMING: Partial<ConnectionTiming> = { pingIntervalMs: 1000, deadAfterMs: 15_000 };

/** What a burst of `count` sends for ProgramProgress, minus repeats the value store drops. */
function expectedBurst(count: number, initial: unknown, original: unknown): unknown[] {
  const out: unknown[] = [];
  let last = initial;
  for (let i = 0; i < count; i++) {
    const v = i === count - 1 ? original : i % 100;
    if (v !== last) out.push(v);
    last = v;
  }
  return out;
}

/**
 * Every fault of issue 6 injected through the simulator against a real ApplianceConnection:
 * the state and message it must produce, recovery once the fault stops, one connection at
 * most, reconnect delays inside [backoffMinMs, backoffMaxMs] and no uncaught exception.
 */
describe('reliability: faults against a live connection', function () {
  this.timeout(30_000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;
  let watch: InvariantWatch | undefined;
  let logs: Array<[string, string]> = [];
  let states: StateChange[] = [];

  afterEach(async () => {
    await conn?.stop();
    await sim?.stop();
    watch?.uninstall();
    conn = sim = watch = undefined;
  });

  async function setup(
    record: ApplianceRecord,
    patch: Partial<ApplianceRecord> = {},
    timing: Partial<ConnectionTiming> = {},
  ): Promise<ApplianceConnection> {
    sim = new ApplianceSimulator({ record, services: 'iz' });
    await sim.start();
    // The simulator would otherwise refuse a duplicate; accepting it makes one visible to the watch.
    sim.faults.refuseSecondConnection(false);
    watch = new InvariantWatch([sim]).install();
    logs = [];
    states = [];
    const log = (level: string) => (m: string) => logs.push([level, m]);
    conn = new ApplianceConnection({
      record: { ...record, host: sim.hostPort, ...patch },
      deviceId: 'reliability-suite',
      timing: { ...FAULT_TIMING, ...timing },
      transportFactory: watch.factory,
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    conn.on('state', (s) => states.push(s));
    return conn;
  }

  async function connected(record: ApplianceRecord, timing: Partial<ConnectionTiming> = {}): Promise<ApplianceConnection> {
    const c = await setup(record, {}, timing);
    c.start();
    await reach('connected');
    return c;
  }

  /** Waits for a state (reason matching `re`) among the changes after index `from`. */
  async function reach(state: ConnectionState, re?: RegExp, from = states.length): Promise<StateChange> {
    let hit: StateChange | undefined;
    await until(
      () => {
        hit = states.slice(from).find((s) => s.state === state && (!re || re.test(s.reason ?? '')));
        return hit !== undefined;
      },
      `state ${state}${re ? ` ${re}` : ''} (seen: ${states
        .slice(from)
        .map((s) => `${s.state}: ${s.reason}`)
        .join(' | ')})`,
    );
    return hit!;
  }

  /** Fault stops now: at most one failed attempt more (the one in flight), then connected. */
  async function recovers(stopFault: () => void): Promise<void> {
    const from = states.length;
    const attemptsBefore = watch!.attempts;
    stopFault();
    await reach('connected', undefined, from);
    assert.ok(watch!.attempts - attemptsBefore <= 2, `${watch!.attempts - attemptsBefore} attempts after the fault stopped`);
    invariantsHold();
  }

  function invariantsHold(): void {
    watch!.check();
    const delays = backoffDelays(logs.map(([, m]) => m));
    for (const d of delays) {
      assert.ok(d >= FAULT_TIMING.backoffMinMs && d <= FAULT_TIMING.backoffMaxMs, `reconnect delay ${d} ms outside the backoff bounds`);
    }
    assert.deepStrictEqual(
      sim!.violations.filter((v) => /second concurrent/.test(v)),
      [],
    );
  }

  function progressValues(c: ApplianceConnection): unknown[] {
    const got: unknown[] = [];
    c.on('values', (vs: ValueChange[]) => {
      for (const v of vs) if (v.key === PROGRESS) got.push(v.value);
    });
    return got;
  }

  const posts = (resource: string): number => sim!.received.filter((m) => m.action === 'POST' && m.resource === resource).length;

  for (const record of [demoDishwasher, demoWasher]) {
    const t = record.connectionType;

    it(`${t}: connection dropped in the middle of a burst → offline, in-order prefix, reconnect`, async () => {
      const c = await connected(record, BURST_TIMING);
      const initial = c.snapshot()[PROGRESS];
      const original = sim!.getValue(PROGRESS);
      const got = progressValues(c);
      const burst = sim!.faults.burst(5000);
      await until(() => got.length >= 50, 'first burst values');
      sim!.faults.drop();
      const change = await reach('offline');
      assert.match(change.reason!, /was lost/);
      const before = got.slice();
      assert.deepStrictEqual(before, expectedBurst(5000, initial, original).slice(0, before.length), 'values in order, none garbled');
      await burst;
      await reach('connected', undefined, states.indexOf(change));
      invariantsHold();
    });

    it(`${t}: stall (no answers, no pongs) → dead after deadAfterMs → reconnects once it ends`, async () => {
      await connected(record);
      sim!.faults.stall(true);
      const dead = await reach('disconnected');
      assert.match(dead.reason!, /No frame from the appliance for 400 ms/);
      const n = watch!.attempts;
      await until(() => watch!.attempts >= n + 2, 'retries while stalled');
      await recovers(() => sim!.faults.stall(false));
    });

    it(`${t}: appliance restart → reconnects to the new session; writes work, no id violations`, async () => {
      const c = await connected(record);
      const sid = sim!.sessionId;
      sim!.faults.restart();
      const from = states.length;
      await reach('offline', /was lost/, from);
      await reach('connected', undefined, from);
      assert.notStrictEqual(sim!.sessionId, sid);
      const lock = c.snapshot()[CHILD_LOCK];
      await c.setValues({ [CHILD_LOCK]: !lock });
      await until(() => sim!.getValue(CHILD_LOCK) === !lock, 'write after restart');
      assert.deepStrictEqual(sim!.violations, []);
      invariantsHold();
    });

    it(`${t}: upgrade answered 404 → "power-cycle" error, backoff, recovers`, async () => {
      const c = await setup(record);
      sim!.faults.rejectUpgrade(404);
      c.start();
      const err = await reach('error');
      assert.match(err.reason!, /HTTP 404.*power-cycled/);
      await until(() => watch!.attempts >= 4, 'retries');
      assert.ok(c.history().every((h) => h.state === 'connecting' || h.state === 'error'));
      await recovers(() => sim!.faults.rejectUpgrade(undefined));
    });

    it(`${t}: wrong key → auth-failed, said once, retried within the backoff, secret not shown`, async () => {
      const wrong = Buffer.alloc(32, 7).toString('base64url');
      const c = await setup(record, { key: wrong });
      c.start();
      const failed = await reach('auth-failed');
      assert.match(failed.reason!, /key/);
      await until(() => watch!.attempts >= 4, 'retries');
      // TLS fails in the TLS handshake; AES only at the first frame, after the socket opened.
      const allowed = t === 'TLS' ? ['connecting', 'auth-failed'] : ['connecting', 'handshaking', 'auth-failed'];
      for (const h of c.history()) assert.ok(allowed.includes(h.state), `state ${h.state}: ${h.reason}`);
      // Retries do not flap auth-failed → handshaking → auth-failed (AES opens the socket each time).
      assert.strictEqual(states.filter((s) => s.state === 'auth-failed').length, 1, 'one auth-failed state for the streak');
      assert.ok(states.filter((s) => s.state === 'handshaking').length <= 1, 'handshaking at most on the first attempt');
      assert.strictEqual(logs.filter(([level]) => level === 'error').length, 1, 'one error line for the streak');
      for (const [, line] of logs) {
        assert.ok(!line.includes(wrong) && !line.includes(record.key), `secret in log: ${line}`);
      }
      invariantsHold();
    });

    it(`${t}: oversized frame (> 1 MiB) → protocol error, reconnect`, async () => {
      await connected(record);
      sim!.faults.oversizedFrame();
      const err = await reach('error');
      assert.match(err.reason!, /larger than 1048576 bytes/);
      await reach('connected', undefined, states.indexOf(err));
      invariantsHold();
    });

    it(`${t}: malformed JSON, non-object JSON and envelope without action → protocol error each, reconnect`, async () => {
      await connected(record);
      for (const [text, re] of [
        ['{"sID":1,"msgID":', /not valid JSON/],
        ['[1,2,3]', /not a JSON object/],
        ['{"sID":1,"msgID":2,"version":1}', /without action or resource/],
      ] as const) {
        const from = states.length;
        await sendAsAppliance(sim!, text);
        const err = await reach('error', re, from);
        await reach('connected', undefined, states.indexOf(err));
      }
      invariantsHold();
    });

    it(`${t}: unknown resources, uids, msgIDs and actions are ignored; the session goes on`, async () => {
      const c = await connected(record);
      const seen: ValueChange[] = [];
      c.on('values', (vs) => seen.push(...vs));
      const from = states.length;
      const sID = sim!.sessionId;
      for (const m of [
        { sID, msgID: 1, resource: '/zz/unknown', version: 1, action: 'NOTIFY', data: [{ a: 1 }] },
        { sID, msgID: 2, resource: '/ro/values', version: 1, action: 'NOTIFY', data: [{ uid: 65000, value: 1 }, { uid: 'x' }, 7, null] },
        { sID, msgID: 3, resource: '/ro/descriptionChange', version: 1, action: 'NOTIFY', data: [{ uid: 65001, access: 'READ' }] },
        { sID, msgID: 424242, resource: '/ro/values', version: 1, action: 'RESPONSE', data: [] },
        { sID, msgID: 5, resource: '/ro/values', version: 1, action: 'DANCE', data: [] },
      ]) {
        await sendAsAppliance(sim!, JSON.stringify(m));
      }
      const lock = c.snapshot()[CHILD_LOCK];
      sim!.setValue(CHILD_LOCK, !lock);
      await until(() => seen.some((v) => v.key === CHILD_LOCK), 'a real change after the unknown ones');
      assert.ok(!seen.some((v) => v.uid === 65000));
      const raw = await c.request('/zz/nothing', 'GET');
      assert.strictEqual(raw.code, 404);
      assert.strictEqual(c.state, 'connected');
      assert.deepStrictEqual(states.slice(from), [], 'no state change');
      invariantsHold();
    });

    it(`${t}: an appliance-initiated POST is acknowledged with the same msgID`, async () => {
      const c = await connected(record);
      const sID = sim!.sessionId;
      await sendAsAppliance(
        sim!,
        JSON.stringify({ sID, msgID: 777, resource: '/ei/somethingNew', version: 2, action: 'POST', data: [{ x: 1 }] }),
      );
      await until(() => sim!.received.some((m) => m.action === 'RESPONSE' && m.msgID === 777), 'acknowledgement');
      const ack = sim!.received.find((m) => m.action === 'RESPONSE' && m.msgID === 777)!;
      assert.strictEqual(ack.resource, '/ei/somethingNew');
      assert.strictEqual(ack.sID, sID);
      assert.deepStrictEqual(ack.data, [{}]);
      assert.strictEqual(c.state, 'connected');
      invariantsHold();
    });

    it(`${t}: a burst of 10 000 notifications arrives complete and in order`, async () => {
      const c = await connected(record, BURST_TIMING);
      const initial = c.snapshot()[PROGRESS];
      const original = sim!.getValue(PROGRESS);
      const got = progressValues(c);
      await sim!.faults.burst(10_000);
      const want = expectedBurst(10_000, initial, original);
      await until(() => got.length >= want.length, `${want.length} values (got ${got.length})`, 20_000);
      assert.deepStrictEqual(got, want);
      assert.strictEqual(c.state, 'connected');
      invariantsHold();
    });
  }

  it('AES: a mis-tagged frame mid-session → protocol error (mac), reconnect', async () => {
    await connected(demoWasher);
    sim!.faults.sendMisTagged();
    const err = await reach('error');
    assert.match(err.reason!, /could not be decrypted \(mac\)/);
    await reach('connected', undefined, states.indexOf(err));
    invariantsHold();
  });

  it('AES: a truncated frame mid-session → protocol error (length), reconnect', async () => {
    await connected(demoWasher);
    for (const c of serverConnections(sim!)) c.sendRawFrame(Buffer.alloc(40, 0x5a), true);
    const err = await reach('error');
    assert.match(err.reason!, /could not be decrypted \(length\)/);
    await reach('connected', undefined, states.indexOf(err));
    invariantsHold();
  });

  it('AES: random bytes of a valid length mid-session → protocol error, not auth-failed', async () => {
    await connected(demoWasher);
    sim!.faults.sendGarbage();
    const err = await reach('error');
    assert.match(err.reason!, /could not be decrypted/);
    assert.ok(!states.some((s) => s.state === 'auth-failed'));
    await reach('connected', undefined, states.indexOf(err));
    invariantsHold();
  });

  it('TLS: a binary garbage frame mid-session → protocol error, reconnect', async () => {
    await connected(demoDishwasher);
    sim!.faults.sendMisTagged(); // TLS: reversed JSON bytes as a binary frame
    const err = await reach('error');
    assert.match(err.reason!, /not valid JSON|not valid UTF-8/);
    await reach('connected', undefined, states.indexOf(err));
    invariantsHold();
  });

  it('responses out of order reach their own requests', async () => {
    const c = await connected(demoDishwasher);
    sim!.faults.responseDelayMs = 300;
    const order: string[] = [];
    const a = c.request('/ci/registeredDevices', 'GET').then((r) => (order.push('a'), r));
    await until(() => sim!.received.some((m) => m.resource === '/ci/registeredDevices'), 'first request out');
    sim!.faults.responseDelayMs = 0;
    const b = c.request('/iz/info', 'GET').then((r) => (order.push('b'), r));
    const [ra, rb] = await Promise.all([a, b]);
    assert.deepStrictEqual(order, ['b', 'a'], 'the second answer came first');
    assert.strictEqual((ra.data![0] as Record<string, unknown>).deviceID, 'reliability-suite');
    assert.strictEqual((rb.data![0] as Record<string, unknown>).deviceID, demoDishwasher.haId);
    invariantsHold();
  });

  it('a response that never comes: start → unknown outcome, never resent; a write → timeout', async () => {
    const c = await connected(demoWasher);
    sim!.faults.neverRespond('/ro/activeProgram');
    await assert.rejects(c.startProgram('LaundryCare.Washer.Program.Cotton'), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'unknown-outcome');
      assert.match(e.message, /may or may not have started.*check the appliance/);
      return true;
    });
    await sleep(FAULT_TIMING.requestTimeoutMs + 300);
    assert.strictEqual(posts('/ro/activeProgram'), 1, 'the start was sent exactly once');
    assert.strictEqual(c.state, 'connected', 'a missing answer does not end the session');

    sim!.faults.neverRespond('/ro/values');
    await assert.rejects(c.setValues({ [CHILD_LOCK]: true }), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'timeout');
      assert.match(e.message, /did not answer POST \/ro\/values within 1 s/);
      return true;
    });
    sim!.faults.neverRespond(null);
    await c.setValues({ [CHILD_LOCK]: false });
    invariantsHold();
  });

  it('a start in flight when the link drops → unknown outcome, not resent after the reconnect', async () => {
    const c = await connected(demoWasher);
    sim!.faults.responseDelayMs = 2000;
    const start = c.startProgram('LaundryCare.Washer.Program.Cotton');
    await until(() => posts('/ro/activeProgram') === 1, 'start sent');
    sim!.faults.responseDelayMs = 0;
    const from = states.length;
    sim!.faults.drop();
    await assert.rejects(start, { kind: 'unknown-outcome' });
    await reach('connected', undefined, from);
    await sleep(200);
    assert.strictEqual(posts('/ro/activeProgram'), 1);
    invariantsHold();
  });

  it('writes during a reconnect are refused with a clear error and never sent later', async () => {
    const c = await connected(demoWasher);
    const before = sim!.received.filter((m) => m.action === 'POST').length;
    const from = states.length;
    sim!.faults.drop();
    await reach('offline', undefined, from);
    await assert.rejects(c.setValues({ [CHILD_LOCK]: true }), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'not-connected');
      assert.match(e.message, /is not connected \(offline: .*\); nothing was sent/);
      return true;
    });
    await assert.rejects(c.startProgram('LaundryCare.Washer.Program.Cotton'), { kind: 'not-connected' });
    await reach('connected', undefined, from);
    await sleep(200);
    assert.strictEqual(sim!.received.filter((m) => m.action === 'POST').length, before, 'nothing queued and sent later');
    invariantsHold();
  });
});
