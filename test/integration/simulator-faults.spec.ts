import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { RawClient, clientOptionsFor, type CloseInfo } from '../support/raw-client';

/** Fault injection: what real appliances do to clients (protocol.md §2.5, §3.4, §7.1). */
describe('simulator faults (integration)', function () {
  this.timeout(10000);
  let sim: ApplianceSimulator | undefined;
  const clients: RawClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await sim?.stop();
    sim = undefined;
  });

  async function startSim(record: ApplianceRecord = demoDishwasher): Promise<ApplianceSimulator> {
    sim = new ApplianceSimulator({ record, services: 'iz' });
    await sim.start();
    return sim;
  }

  async function connect(record: ApplianceRecord = demoDishwasher): Promise<RawClient> {
    const c = await RawClient.connect(clientOptionsFor(record, sim!.hostPort));
    clients.push(c);
    return c;
  }

  async function connectFails(record: ApplianceRecord = demoDishwasher): Promise<CloseInfo> {
    try {
      const c = await connect(record);
      c.close();
      throw new Error('connection unexpectedly opened');
    } catch (e) {
      const info = (e as { info?: CloseInfo }).info;
      if (!info) throw e;
      return info;
    }
  }

  for (const record of [demoDishwasher, demoWasher]) {
    const t = record.connectionType;

    it(`${t}: drop() terminates the socket; the simulator accepts the next connection`, async () => {
      await startSim(record);
      const c = await connect(record);
      await c.handshake();
      sim!.faults.drop();
      const closed = await c.closed();
      assert.notStrictEqual(closed.code, 1000);
      assert.strictEqual(sim!.activeConnections, 0);
      const c2 = await connect(record);
      await c2.handshake();
      assert.strictEqual(sim!.connectionCount, 2);
    });

    it(`${t}: sendGarbage() / sendMisTagged() / oversizedFrame() reach the client as bad frames`, async () => {
      await startSim(record);
      const c = await connect(record);
      await c.handshake();
      sim!.faults.sendGarbage();
      if (t === 'TLS') {
        await c.waitFor(() => false, 'nothing', 200).catch(() => undefined);
        assert.deepStrictEqual(c.garbage, ['this is not JSON {']);
      } else {
        const closed = await c.closed();
        assert.strictEqual(closed.error?.kind, 'protocol');
      }
      if (t === 'AES') {
        const c2 = await connect(record);
        await c2.handshake();
        sim!.faults.sendMisTagged();
        assert.strictEqual((await c2.closed()).error?.kind, 'protocol');
      }
      const c3 = t === 'TLS' ? c : await connect(record);
      if (t === 'AES') await c3.handshake();
      sim!.faults.oversizedFrame();
      const closed = await c3.closed();
      assert.ok(closed.error, 'the client closes on an oversized frame');
    });
  }

  it('stall(true) answers nothing until stall(false)', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    sim!.faults.stall(true);
    const m = c.envelope('/ro/allMandatoryValues', 'GET');
    await c.send(m);
    await assert.rejects(
      c.waitFor((x) => x.msgID === m.msgID, 'stalled answer', 300),
      /timed out/,
    );
    sim!.faults.stall(false);
    const res = await c.request('/ro/allMandatoryValues');
    assert.strictEqual(res!.code, undefined);
  });

  it('stall(true) also stops answering pings', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    let pongs = 0;
    c.transport.on('pong', () => pongs++);
    c.transport.ping();
    await new Promise<void>((resolve) => c.transport.once('pong', () => resolve()));
    sim!.faults.stall(true);
    c.transport.ping();
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(pongs, 1);
  });

  it('rejectUpgrade(404) refuses connections until rejectUpgrade()', async () => {
    await startSim();
    sim!.faults.rejectUpgrade(404);
    const info = await connectFails();
    assert.strictEqual(info.error?.kind, 'protocol');
    sim!.faults.rejectUpgrade();
    const c = await connect();
    await c.handshake();
  });

  it('a second concurrent connection is refused by default, allowed with refuseSecondConnection(false)', async () => {
    await startSim();
    const first = await connect();
    await first.handshake();
    const info = await connectFails();
    assert.ok(info.error, 'refused');
    assert.strictEqual(sim!.connectionCount, 1);
    sim!.faults.refuseSecondConnection(false);
    const second = await connect();
    await second.handshake();
    assert.strictEqual(sim!.activeConnections, 2);
  });

  it('failMandatoryValues(true) answers 500', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    sim!.faults.failMandatoryValues(true);
    assert.strictEqual((await c.request('/ro/allMandatoryValues'))!.code, 500);
    sim!.faults.failMandatoryValues(false);
    assert.strictEqual((await c.request('/ro/allMandatoryValues'))!.code, undefined);
  });

  it('responseDelayMs delays answers but keeps them in order', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    sim!.faults.responseDelayMs = 100;
    assert.strictEqual(sim!.faults.responseDelayMs, 100);
    const a = c.request('/iz/info');
    const b = c.request('/ro/allMandatoryValues');
    const [ra, rb] = await Promise.all([a, b]);
    assert.ok(c.inbox.indexOf(ra!) < c.inbox.indexOf(rb!));
  });

  it('neverRespond(resource) leaves that resource unanswered', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    sim!.faults.neverRespond('/ro/allDescriptionChanges');
    const m = c.envelope('/ro/allDescriptionChanges', 'GET');
    await c.send(m);
    assert.strictEqual((await c.request('/iz/info'))!.code, undefined, 'other resources still answered');
    await assert.rejects(
      c.waitFor((x) => x.msgID === m.msgID, 'never', 200),
      /timed out/,
    );
    sim!.faults.neverRespond(null);
    assert.strictEqual((await c.request('/ro/allDescriptionChanges'))!.code, undefined);
  });

  it('burst(n) sends n NOTIFY /ro/values with consecutive msgIDs', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    const before = c.inbox.length;
    await sim!.faults.burst(300);
    const last = await c.waitFor(() => c.inbox.length - before >= 300, 'the burst');
    assert.ok(last);
    const notes = c.inbox.slice(before).filter((m) => m.action === 'NOTIFY');
    assert.strictEqual(notes.length, 300);
    assert.ok(notes.every((m, i) => i === 0 || m.msgID === notes[i - 1].msgID + 1));
  });

  it('restart() drops the socket and comes back with a new sID and edMsgID', async () => {
    await startSim();
    const c = await connect();
    await c.handshake();
    const sID = c.sID;
    sim!.faults.restart();
    await c.closed();
    const c2 = await connect();
    const init = await c2.initialValues();
    assert.notStrictEqual(init.sID, sID);
    assert.notStrictEqual((init.data![0] as { edMsgID: number }).edMsgID, c.nextMsgId);
    await c2.replyInitialValues(init);
    assert.strictEqual((await c2.request('/ci/services'))!.code, undefined);
  });
});
