import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { defaultDeviceId } from '../../src/protocol/appliance-connection';
import type { ValueChange } from '../../src/protocol/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { harness, nextValues, waitState, type Harness } from '../support/fake-transport';
import type { TransportClose } from '../../src/protocol/client-transport';

const DOOR = 527;
const FINISHED = 540;

describe('ApplianceConnection lifecycle', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.conn.stop();
    h = undefined;
  });

  it('goes disconnected → connecting → handshaking → connected and keeps the initial state', async () => {
    h = harness([
      {
        values: [
          { uid: DOOR, value: 0 },
          { uid: 99999, value: 5 },
        ],
      },
    ]);
    const connected = waitState(h.conn, 'connected');
    assert.strictEqual(h.conn.state, 'disconnected');
    h.conn.start();
    await connected;
    assert.deepStrictEqual(
      h.conn.history().map((c) => c.state),
      ['connecting', 'handshaking', 'connected'],
    );
    assert.deepStrictEqual(h.conn.snapshot(), { 'BSH.Common.Status.DoorState': 'Open' });
    assert.deepStrictEqual(h.conn.info, { deviceID: 'FAKE-1', deviceType: 'Dishwasher' });
    assert.strictEqual(h.conn.haId, demoDishwasher.haId);
    const opts = h.factoryOptions[0];
    assert.strictEqual(opts.connectionType, 'TLS');
    assert.strictEqual((opts.key as Buffer).length, 32);
    assert.ok(h.conn.traffic().length >= 7, 'traffic ring records the handshake');
  });

  it('500 on allMandatoryValues is not "connected"; the next attempt starts from a clean session', async () => {
    h = harness([{ replies: { '/ro/allMandatoryValues': { code: 500 } }, edMsgID: 50 }, { edMsgID: 900 }]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    const states = h.conn.history().map((c) => c.state);
    assert.deepStrictEqual(states, ['connecting', 'handshaking', 'error', 'connecting', 'handshaking', 'connected']);
    assert.match(h.conn.history()[2].reason!, /allMandatoryValues.*500/);
    assert.strictEqual(h.transports.length, 2);
    assert.ok(h.transports[0].closed, 'the failed link was closed');
    const second = h.transports[1].sent.map((s) => JSON.parse(s));
    assert.strictEqual(second[1].msgID, 900, 'ids restart from the new edMsgID');
    assert.deepStrictEqual(
      second.slice(1).map((m) => m.resource),
      ['/ci/services', '/iz/info', '/ei/deviceReady', '/ni/info', '/ro/allDescriptionChanges', '/ro/allMandatoryValues'],
    );
  });

  it('values survive reconnects and only differences are emitted (no ProgramFinished replay)', async () => {
    const first = [
      { uid: DOOR, value: 1 },
      { uid: FINISHED, value: 1 },
    ];
    h = harness([
      { values: first },
      {
        values: [
          { uid: DOOR, value: 0 },
          { uid: FINISHED, value: 1 },
        ],
      },
    ]);
    const batches: ValueChange[][] = [];
    h.conn.on('values', (v) => batches.push(v));
    let connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.deepStrictEqual(
      batches[0].map((v) => [v.key, v.value]),
      [
        ['BSH.Common.Status.DoorState', 'Closed'],
        ['BSH.Common.Event.ProgramFinished', 'Present'],
      ],
    );
    assert.ok(!('previous' in batches[0][0]), 'first value has no previous');
    connected = waitState(h.conn, 'connected');
    h.transports[0].drop();
    await connected;
    assert.strictEqual(batches.length, 2);
    assert.deepStrictEqual(batches[1], [
      { uid: DOOR, key: 'BSH.Common.Status.DoorState', kind: 'status', value: 'Open', raw: 0, previous: 'Closed', previousRaw: 1 },
    ]);
    assert.strictEqual(h.conn.snapshot()['BSH.Common.Event.ProgramFinished'], 'Present');
  });

  it('NOTIFYs after the handshake update the store; description changes carrying value count as values', async () => {
    h = harness([{ values: [{ uid: DOOR, value: 1 }] }]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    let got = nextValues(h.conn);
    h.apps[0].notify('/ro/values', [
      { uid: DOOR, value: 0 },
      { uid: 4711, value: 3 },
    ]);
    assert.deepStrictEqual(
      (await got).map((v) => [v.uid, v.value, v.previous]),
      [[DOOR, 'Open', 'Closed']],
    );
    const desc = new Promise<unknown[]>((resolve) => h!.conn.once('description', resolve));
    got = nextValues(h.conn);
    h.apps[0].notify('/ro/descriptionChange', [{ uid: 517, access: 'READ', available: true, value: false }]);
    assert.deepStrictEqual(
      (await got).map((v) => [v.key, v.value]),
      [['BSH.Common.Status.RemoteControlStartAllowed', false]],
    );
    assert.strictEqual(((await desc)[0] as { uid: number }).uid, 517);
  });

  it('an unreachable appliance is "offline", logged once per streak, retried with backoff', async () => {
    const offline: TransportClose = { reason: 'refused', error: new HomeConnectError('offline', 'connect ECONNREFUSED 127.0.0.1:9') };
    h = harness([{ refuse: offline }, { refuse: offline }, { refuse: offline }, { refuse: offline }, {}]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.strictEqual(h.transports.length, 5);
    // The attempt that gets through stays "offline" until it is connected: no flapping per retry.
    assert.deepStrictEqual(
      h.conn.history().map((c) => c.state),
      ['connecting', 'offline', 'connected'],
    );
    const loud = h.logs.filter(([level, m]) => level !== 'debug' && /offline/.test(m));
    assert.strictEqual(loud.length, 1, 'one offline log line per streak');
  });

  it('a TLS/AES authentication failure is "auth-failed" with a sentence about the key', async () => {
    const auth: TransportClose = { reason: 'handshake failed', error: new HomeConnectError('auth-failed', 'TLS handshake failed.') };
    h = harness([{ refuse: auth }], { backoffMinMs: 10_000, backoffMaxMs: 10_000 });
    const failed = waitState(h.conn, 'auth-failed');
    h.conn.start();
    await failed;
    assert.match(h.conn.lastReason!, /key/);
    assert.ok(!/SENMT0NBTC1ERU1P/.test(JSON.stringify(h.conn.history())), 'no key in the history');
  });

  it('a protocol error (e.g. 404 on upgrade) is "error" and retried', async () => {
    const wedged: TransportClose = {
      reason: '404',
      error: new HomeConnectError('protocol', 'The appliance is not accepting connections: power-cycle it.'),
    };
    h = harness([{ refuse: wedged }, {}]);
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.deepStrictEqual(
      h.conn.history().map((c) => c.state),
      ['connecting', 'error', 'connecting', 'handshaking', 'connected'],
    );
    assert.match(h.conn.history()[1].reason!, /power-cycle/);
  });

  it('malformed JSON from the appliance closes the link and reconnects', async () => {
    h = harness([{}, {}]);
    let connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    connected = waitState(h.conn, 'connected');
    h.transports[0].push('{"not json');
    await connected;
    assert.ok(h.transports[0].closed);
    assert.ok(h.conn.history().some((c) => c.state === 'error' && /not valid JSON/.test(c.reason ?? '')));
  });

  it('pings every pingIntervalMs; no inbound frame for deadAfterMs → dead → reconnect', async () => {
    h = harness([{ stall: true }, {}], { pingIntervalMs: 10, deadAfterMs: 80 });
    let connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    connected = waitState(h.conn, 'connected');
    await connected;
    assert.ok(h.transports[0].pings >= 1, 'pinged the stalled link');
    assert.ok(h.transports[0].closed, 'dead link closed');
    assert.ok(h.conn.history().some((c) => c.state === 'disconnected' && /No frame from the appliance/.test(c.reason ?? '')));
  });

  it('stop() clears every timer and closes the socket; start() again works', async () => {
    h = harness([{}], { pingIntervalMs: 5, refreshIntervalMs: 5 });
    let connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    await h.conn.stop();
    assert.strictEqual(h.conn.state, 'disconnected');
    assert.ok(h.transports[0].closed);
    const internals = h.conn as unknown as Record<string, unknown>;
    for (const t of ['reconnectTimer', 'pingTimer', 'deadTimer', 'handshakeTimer', 'refreshTimer']) {
      assert.strictEqual(internals[t], undefined, `${t} cleared`);
    }
    const pings = h.transports[0].pings;
    await new Promise((r) => setTimeout(r, 30));
    assert.strictEqual(h.transports[0].pings, pings, 'no ping after stop');
    assert.strictEqual(h.transports.length, 1, 'no reconnect after stop');
    connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.strictEqual(h.transports.length, 2);
  });

  it('refreshes allMandatoryValues every refreshIntervalMs while connected and applies the answer', async () => {
    let reads = 0;
    h = harness([{ replies: { '/ro/allMandatoryValues': () => ({ data: [{ uid: DOOR, value: ++reads > 1 ? 0 : 1 }] }) } }], {
      refreshIntervalMs: 20,
    });
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    assert.strictEqual(h.conn.snapshot()['BSH.Common.Status.DoorState'], 'Closed');
    const changed = nextValues(h.conn);
    assert.deepStrictEqual(
      (await changed).map((v) => [v.key, v.value, v.previous]),
      [['BSH.Common.Status.DoorState', 'Open', 'Closed']],
    );
    assert.strictEqual(JSON.parse(h.transports[0].sent[7]).resource, '/ro/allMandatoryValues');
  });

  it('a key that is not 32 bytes is a clear error, not a retry loop', async () => {
    h = harness([{}], {}, { ...demoDishwasher, key: 'c2hvcnQ' });
    h.conn.start();
    assert.strictEqual(h.conn.state, 'error');
    assert.match(h.conn.lastReason!, /the key must decode to 32 bytes/);
    assert.strictEqual(h.transports.length, 0);
  });

  it('the default device id is stable for a host name and not random per connection', () => {
    assert.strictEqual(defaultDeviceId('kitchen-pi'), defaultDeviceId('kitchen-pi'));
    assert.notStrictEqual(defaultDeviceId('kitchen-pi'), defaultDeviceId('garage-pi'));
    assert.match(defaultDeviceId(), /^[0-9a-f]{16}$/);
  });
});
