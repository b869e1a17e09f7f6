import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import type { Message } from '../../src/protocol/message';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import type { RawClient } from '../support/raw-client';
import { simulatorHarness } from '../support/simulator-harness';

/** Strictness like real firmware (protocol.md §3.1, §3.3, §3.4, §7.1). */
describe('simulator strictness (integration)', function () {
  this.timeout(10000);
  const h = simulatorHarness();

  async function open(record: ApplianceRecord = demoDishwasher, services: 'iz' | 'ci2' | 'legacy' = 'iz'): Promise<RawClient> {
    return h.open({ record, services });
  }

  /** Handshake up to and including /ci/services. */
  async function registered(c: RawClient): Promise<void> {
    const init = await c.initialValues();
    await c.replyInitialValues(init);
    const services = (await c.request('/ci/services'))!;
    for (const s of services.data as Array<{ service: string; version: number }>) c.versions.set(s.service, s.version);
  }

  for (const record of [demoDishwasher, demoWasher]) {
    it(`${record.connectionType}: anything before the initialValues reply closes with 1008 "Header Error"`, async () => {
      const c = await open(record);
      const init = await c.initialValues();
      await c.send({ sID: init.sID, msgID: c.nextMsgId, resource: '/ci/services', version: 1, action: 'GET' });
      const closed = await c.closed();
      assert.strictEqual(closed.code, 1008);
      assert.match(closed.reason, /Header Error/);
      assert.strictEqual(h.sim!.violations.length, 1);
    });
  }

  const badReplies: Array<[string, (init: Message) => unknown[]]> = [
    ['keys in the wrong order', () => [{ deviceName: 'x', deviceID: 'y', deviceType: 'Application' }]],
    ['a wrong deviceType for ei 2', () => [{ deviceType: 2, deviceName: 'x', deviceID: 'y' }]],
    ['an extra key', () => [{ deviceType: 'Application', deviceName: 'x', deviceID: 'y', extra: 1 }]],
    ['empty data', () => []],
  ];
  for (const [what, data] of badReplies) {
    it(`an initialValues reply with ${what} gets 403 on /ci/services`, async () => {
      const c = await open();
      const init = await c.initialValues();
      await c.replyInitialValues(init, data(init));
      const res = (await c.request('/ci/services'))!;
      assert.strictEqual(res.code, 403);
      assert.strictEqual(res.data, undefined);
      assert.strictEqual(h.sim!.violations.length, 1, h.sim!.violations.join('; '));
    });
  }

  it('legacy (ei 1) requires deviceType 2, not "Application"', async () => {
    const c = await open(demoDishwasher, 'legacy');
    const init = await c.initialValues();
    assert.strictEqual(init.version, 1);
    await c.replyInitialValues(init, [{ deviceType: 'Application', deviceName: 'x', deviceID: 'y' }]);
    assert.strictEqual((await c.request('/ci/services'))!.code, 403);
  });

  it('a wrong sID is answered with 400', async () => {
    const c = await open();
    await registered(c);
    const m = c.envelope('/ro/allMandatoryValues', 'GET');
    m.sID = (m.sID + 1) % 2 ** 32;
    assert.strictEqual((await c.sendEnvelope(m))!.code, 400);
    assert.match(h.sim!.violations[0], /sID/);
  });

  it('client msgIDs must continue at edMsgID + n: a skipped or repeated id gets 400', async () => {
    const c = await open();
    const init = await c.initialValues();
    const ed = c.nextMsgId;
    assert.ok(ed >= 2 ** 31, 'edMsgID above 2^31 catches int32 bugs');
    await c.replyInitialValues(init);
    // The reply did not consume an id: the first request must carry edMsgID itself.
    const skipped = { sID: c.sID, msgID: ed + 1, resource: '/ci/services', version: 1, action: 'GET' };
    assert.strictEqual((await c.sendEnvelope(skipped))!.code, 400);
    const repeated = { sID: c.sID, msgID: ed + 1, resource: '/ci/services', version: 1, action: 'GET' };
    assert.strictEqual((await c.sendEnvelope(repeated))!.code, 400);
    const next = { sID: c.sID, msgID: ed + 2, resource: '/ci/services', version: 1, action: 'GET' };
    const ok = (await c.sendEnvelope(next))!;
    assert.strictEqual(ok.code, undefined);
    assert.ok(Array.isArray(ok.data));
    assert.strictEqual(h.sim!.violations.filter((v) => /msgID/.test(v)).length, 2);
  });

  it('NOTIFY consumes a msgID too', async () => {
    const c = await open();
    await registered(c);
    const notify = c.envelope('/ei/deviceReady', 'NOTIFY');
    await c.send(notify);
    const stale = { ...c.envelope('/ni/info', 'GET'), msgID: notify.msgID };
    assert.strictEqual((await c.sendEnvelope(stale))!.code, 400);
  });

  it('a wrong service version is answered with 400', async () => {
    const c = await open();
    await registered(c);
    const m = c.envelope('/iz/info', 'GET');
    m.version = 2;
    assert.strictEqual((await c.sendEnvelope(m))!.code, 400);
    const ro = c.envelope('/ro/allMandatoryValues', 'GET');
    ro.version = 2;
    assert.strictEqual((await c.sendEnvelope(ro))!.code, 400);
  });

  it('envelope keys out of order are recorded as a violation but served; unknown keys get 400', async () => {
    const c = await open();
    await registered(c);
    const m = c.envelope('/iz/info', 'GET');
    const shuffled = { msgID: m.msgID, sID: m.sID, resource: m.resource, version: m.version, action: m.action };
    const res = (await c.sendEnvelope(shuffled))!;
    assert.strictEqual(res.code, undefined);
    assert.match(h.sim!.violations[0], /order.*tolerated/);
    const extra = { ...c.envelope('/iz/info', 'GET'), extra: 1 };
    assert.strictEqual((await c.sendEnvelope(extra as never))!.code, 400);
  });

  it('/ro/values items without uid as first key are answered with 400', async () => {
    const c = await open();
    await registered(c);
    const childLock = h.sim!.profile.resolve('BSH.Common.Setting.ChildLock').uid;
    const bad = (await c.request('/ro/values', 'POST', [{ value: true, uid: childLock }]))!;
    assert.strictEqual(bad.code, 400);
    assert.strictEqual(h.sim!.getValue('BSH.Common.Setting.ChildLock'), false, 'nothing written');
    const good = (await c.request('/ro/values', 'POST', [{ uid: childLock, value: true }]))!;
    assert.strictEqual(good.code, undefined);
  });

  it('malformed JSON closes the socket with 1008', async () => {
    const c = await open();
    await registered(c);
    await c.sendText('{"sID":1,');
    const closed = await c.closed();
    assert.strictEqual(closed.code, 1008);
    assert.ok(h.sim!.violations.some((v) => /JSON/.test(v)));
  });

  it('DELETE is not part of the protocol and is never answered', async () => {
    const c = await open();
    await registered(c);
    const del = { ...c.envelope('/ro/activeProgram', 'GET'), action: 'DELETE' };
    await c.send(del);
    const next = (await c.request('/ro/allMandatoryValues'))!;
    assert.strictEqual(next.code, undefined, 'the DELETE consumed its msgID');
    assert.ok(!c.inbox.some((m) => m.msgID === del.msgID && m.action === 'RESPONSE'));
    assert.ok(h.sim!.violations.some((v) => /DELETE/.test(v)));
  });
});
