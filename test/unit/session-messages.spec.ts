import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import type { DecodedValue, DescriptionChangeItem } from '../../src/profile/types';
import { Session, parseMessage, serializeMessage } from '../../src/protocol/session';
import { FakeTransport, ScriptedAppliance, stubProfile, type ScriptOptions } from '../support/fake-transport';

async function connected(
  script: ScriptOptions = {},
): Promise<{ t: FakeTransport; app: ScriptedAppliance; session: Session; profile: ReturnType<typeof stubProfile> }> {
  const t = new FakeTransport();
  const app = new ScriptedAppliance(t, { edMsgID: 10, ...script });
  const profile = stubProfile();
  const session = new Session({ transport: t, profile, deviceName: 'n', deviceId: 'd', requestTimeoutMs: 1000 });
  t.open();
  await session.handshake();
  return { t, app, session, profile };
}

function nextEvent<T>(session: Session, event: 'values' | 'description' | 'failure'): Promise<T> {
  return new Promise((resolve) => session.once(event, (x: T) => resolve(x)));
}

describe('Session messages', () => {
  it('serialises the envelope in the order sID, msgID, resource, version, action, data', () => {
    const text = serializeMessage({ data: [{ uid: 1, value: 2 }], action: 'POST', version: 1, resource: '/ro/values', msgID: 5, sID: 9 });
    assert.strictEqual(text, '{"sID":9,"msgID":5,"resource":"/ro/values","version":1,"action":"POST","data":[{"uid":1,"value":2}]}');
  });

  it('parses defensively: string ids become integers, missing data is tolerated, unknown keys ignored', () => {
    const m = parseMessage('{"sID":"3846297740","msgID":"7","resource":"/ro/values","version":"1","action":"NOTIFY","extra":1}');
    assert.deepStrictEqual(m, { sID: 3846297740, msgID: 7, resource: '/ro/values', version: 1, action: 'NOTIFY' });
    assert.throws(() => parseMessage('[1,2]'), { kind: 'protocol' });
    assert.throws(() => parseMessage('{"sID":1'), { kind: 'protocol' });
    assert.throws(() => parseMessage('null'), { kind: 'protocol' });
  });

  it('NOTIFY /ro/values becomes decoded values; unknown uids are dropped without breaking anything', async () => {
    const { app, session } = await connected();
    const got = nextEvent<DecodedValue[]>(session, 'values');
    app.notify('/ro/values', [{ uid: 99999, value: 1 }, { uid: 527, value: 0 }, 'junk', { value: 3 }]);
    assert.deepStrictEqual(await got, [{ uid: 527, key: 'BSH.Common.Status.DoorState', kind: 'status', raw: 0, value: 'Open' }]);
  });

  it('NOTIFY /ro/descriptionChange is applied to the profile first, then its values are emitted', async () => {
    const { app, session, profile } = await connected();
    const order: string[] = [];
    session.on('description', (items: DescriptionChangeItem[]) => order.push(`description:${items.length}:${profile.applied.length}`));
    const got = nextEvent<DecodedValue[]>(session, 'values').then((v) => {
      order.push('values');
      return v;
    });
    app.notify('/ro/descriptionChange', [
      { uid: 517, access: 'READ', available: true, value: true },
      { uid: 4242, parentUID: 261, access: 'NONE' },
    ]);
    const values = await got;
    assert.deepStrictEqual(
      values.map((v) => [v.uid, v.value]),
      [[517, true]],
    );
    assert.deepStrictEqual(order, ['description:2:2', 'values']);
    assert.deepStrictEqual(
      profile.applied.map((i) => i.uid),
      [517, 4242],
    );
  });

  it('answers an appliance POST other than initialValues with RESPONSE data [{}]', async () => {
    const { t } = await connected();
    const before = t.sent.length;
    t.push({ sID: 1234567890, msgID: 77, resource: '/ro/somethingNew', version: 1, action: 'POST', data: [{ a: 1 }] });
    const reply = await t.nextSentAfter(before);
    assert.strictEqual(reply, '{"sID":1234567890,"msgID":77,"resource":"/ro/somethingNew","version":1,"action":"RESPONSE","data":[{}]}');
  });

  it('malformed JSON after the handshake is a protocol failure and rejects what is pending', async () => {
    const { t, session } = await connected({ replies: { '/ro/values': { silent: true } } });
    const failure = nextEvent<HomeConnectError>(session, 'failure');
    const pending = session.request('/ro/values', 'POST', [{ uid: 527, value: 1 }], { timeoutMs: 5000 });
    t.push('{"sID":1,');
    const err = await failure;
    assert.strictEqual(err.kind, 'protocol');
    await assert.rejects(pending, { kind: 'protocol' });
    await assert.rejects(session.request('/ro/values', 'POST', []), { kind: 'protocol' });
  });

  it('a JSON frame that is not an object is a protocol failure', async () => {
    const { t, session } = await connected();
    const failure = nextEvent<HomeConnectError>(session, 'failure');
    t.push('[{"uid":527,"value":0}]');
    assert.strictEqual((await failure).kind, 'protocol');
  });

  it('an error RESPONSE names the code through the profile', async () => {
    const { session } = await connected({ replies: { '/ro/values': { code: 531 } } });
    await assert.rejects(session.request('/ro/values', 'POST', [{ uid: 527, value: 7 }]), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'appliance-error');
      assert.strictEqual(e.code, 531);
      assert.strictEqual(e.codeName, 'BSH.Common.Error.ValueOutOfRange');
      assert.strictEqual(e.message, 'The appliance refused POST /ro/values with error 531 (BSH.Common.Error.ValueOutOfRange).');
      return true;
    });
  });

  it('msgIDs keep counting by one for every client GET/POST/NOTIFY after the handshake', async () => {
    const { t, session } = await connected();
    const ids = (): number[] => t.sent.slice(1).map((s) => JSON.parse(s).msgID);
    await session.send('/ei/deviceReady', 'NOTIFY');
    await session.request('/ro/values', 'POST', [{ uid: 527, value: 1 }]);
    assert.deepStrictEqual(ids(), [10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('dispose rejects pending requests and stops listening', async () => {
    const { t, session } = await connected({ replies: { '/ro/values': { silent: true } } });
    const pending = session.request('/ro/values', 'POST', [], { timeoutMs: 5000 });
    session.dispose(new HomeConnectError('not-connected', 'gone'));
    await assert.rejects(pending, { kind: 'not-connected', message: 'gone' });
    assert.strictEqual(t.listenerCount('message'), 0);
  });
});
