import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { Session } from '../../src/protocol/session';
import {
  CI2_SERVICES,
  FakeTransport,
  IZ_SERVICES,
  LEGACY_SERVICES,
  ScriptedAppliance,
  type ScriptOptions,
  stubProfile,
} from '../support/fake-transport';

const NONCE_BYTES = Buffer.alloc(32, 0xfb);
const NONCE = NONCE_BYTES.toString('base64url');

function setup(script: ScriptOptions = {}, requestTimeoutMs = 2000): { t: FakeTransport; app: ScriptedAppliance; session: Session } {
  const t = new FakeTransport();
  const app = new ScriptedAppliance(t, script);
  const session = new Session({
    transport: t,
    profile: stubProfile(),
    deviceName: 'homeconnect-local',
    deviceId: '0badcafe12345678',
    requestTimeoutMs,
    initialTimeoutMs: 2000,
    randomBytes: () => NONCE_BYTES,
  });
  t.open();
  return { t, app, session };
}

const S = 1234567890;
const HEAD = (id: number, resource: string, version: number, action: string): string =>
  `{"sID":${S},"msgID":${id},"resource":"${resource}","version":${version},"action":"${action}"`;

describe('Session handshake (protocol.md §3.3/§3.4)', () => {
  it('"iz" services (ci 3, ei 2, iz 1, ni 1, ro 1): exact message sequence', async () => {
    const { t, session } = setup({ services: IZ_SERVICES, edMsgID: 4131394487 });
    const result = await session.handshake();
    assert.deepStrictEqual(t.sent, [
      `{"sID":${S},"msgID":9000,"resource":"/ei/initialValues","version":2,"action":"RESPONSE","data":[{"deviceType":"Application","deviceName":"homeconnect-local","deviceID":"0badcafe12345678"}]}`,
      HEAD(4131394487, '/ci/services', 1, 'GET') + '}',
      HEAD(4131394488, '/iz/info', 1, 'GET') + '}',
      HEAD(4131394489, '/ei/deviceReady', 2, 'NOTIFY') + '}',
      HEAD(4131394490, '/ni/info', 1, 'GET') + '}',
      HEAD(4131394491, '/ro/allDescriptionChanges', 1, 'GET') + '}',
      HEAD(4131394492, '/ro/allMandatoryValues', 1, 'GET') + '}',
    ]);
    assert.deepStrictEqual(result.services, { ci: 3, ei: 2, iz: 1, ni: 1, ro: 1 });
    assert.strictEqual(result.sID, S);
    assert.deepStrictEqual(result.info, { deviceID: 'FAKE-1', deviceType: 'Dishwasher' });
  });

  it('"ci-2" services (ci 2, ei 2, ni 1, ro 1): authentication with a 43-char nonce, then /ci/info', async () => {
    const { t, session } = setup({ services: CI2_SERVICES, edMsgID: 100 });
    await session.handshake();
    assert.strictEqual(NONCE.length, 43);
    assert.deepStrictEqual(t.sent.slice(1), [
      HEAD(100, '/ci/services', 1, 'GET') + '}',
      HEAD(101, '/ci/authentication', 2, 'GET') + `,"data":[{"nonce":"${NONCE}"}]}`,
      HEAD(102, '/ci/info', 2, 'GET') + '}',
      HEAD(103, '/ei/deviceReady', 2, 'NOTIFY') + '}',
      HEAD(104, '/ni/info', 1, 'GET') + '}',
      HEAD(105, '/ro/allDescriptionChanges', 1, 'GET') + '}',
      HEAD(106, '/ro/allMandatoryValues', 1, 'GET') + '}',
    ]);
  });

  it('legacy services (ci 1, ei 1, ro 1): deviceType 2, no deviceReady, no ni', async () => {
    const { t, session } = setup({ services: LEGACY_SERVICES, edMsgID: 7, eiVersion: 1 });
    await session.handshake();
    assert.deepStrictEqual(t.sent, [
      `{"sID":${S},"msgID":9000,"resource":"/ei/initialValues","version":1,"action":"RESPONSE","data":[{"deviceType":2,"deviceName":"homeconnect-local","deviceID":"0badcafe12345678"}]}`,
      HEAD(7, '/ci/services', 1, 'GET') + '}',
      HEAD(8, '/ci/authentication', 1, 'GET') + `,"data":[{"nonce":"${NONCE}"}]}`,
      HEAD(9, '/ci/info', 1, 'GET') + '}',
      HEAD(10, '/ro/allDescriptionChanges', 1, 'GET') + '}',
      HEAD(11, '/ro/allMandatoryValues', 1, 'GET') + '}',
    ]);
  });

  it('every nonce is fresh base64url of 32 bytes without padding', async () => {
    const t = new FakeTransport();
    new ScriptedAppliance(t, { services: CI2_SERVICES });
    const session = new Session({ transport: t, profile: stubProfile(), deviceName: 'n', deviceId: 'd', requestTimeoutMs: 2000 });
    t.open();
    await session.handshake();
    const auth = JSON.parse(t.sent.find((s) => s.includes('/ci/authentication'))!);
    assert.match(auth.data[0].nonce, /^[A-Za-z0-9_-]{43}$/);
    assert.strictEqual(Buffer.from(auth.data[0].nonce, 'base64url').length, 32);
  });

  it('tolerates 404/403 on the optional steps', async () => {
    const { session, app } = setup({
      services: CI2_SERVICES,
      replies: { '/ci/authentication': { code: 404 }, '/ci/info': { code: 403 }, '/ni/info': { code: 403 } },
    });
    const result = await session.handshake();
    assert.strictEqual(result.info, undefined);
    assert.deepStrictEqual(
      app.requests.map((r) => r.resource),
      [
        '/ci/services',
        '/ci/authentication',
        '/ci/info',
        '/ei/deviceReady',
        '/ni/info',
        '/ro/allDescriptionChanges',
        '/ro/allMandatoryValues',
      ],
    );
  });

  it('tolerates 404 on /iz/info', async () => {
    const { session } = setup({ services: IZ_SERVICES, replies: { '/iz/info': { code: 404 } } });
    assert.strictEqual((await session.handshake()).info, undefined);
  });

  it('500 on /ro/allMandatoryValues fails the handshake with a named appliance error', async () => {
    const { session } = setup({ replies: { '/ro/allMandatoryValues': { code: 500 } } });
    await assert.rejects(session.handshake(), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'appliance-error');
      assert.strictEqual(e.code, 500);
      assert.strictEqual(e.codeName, 'BSH.Common.Error.500.InternalServerError');
      assert.match(e.message, /GET \/ro\/allMandatoryValues/);
      assert.match(e.message, /500/);
      return true;
    });
  });

  it('500 on /ro/allDescriptionChanges fails the handshake too', async () => {
    const { session } = setup({ replies: { '/ro/allDescriptionChanges': { code: 500 } } });
    await assert.rejects(session.handshake(), { kind: 'appliance-error', code: 500 });
  });

  it('a first message other than POST /ei/initialValues is a protocol error', async () => {
    const { t, session } = setup({ silentStart: true });
    const failures: HomeConnectError[] = [];
    session.on('failure', (e) => failures.push(e));
    const hs = session.handshake();
    t.push({ sID: 1, msgID: 1, resource: '/ro/values', version: 1, action: 'NOTIFY', data: [{ uid: 527, value: 0 }] });
    await assert.rejects(hs, { kind: 'protocol' });
    assert.strictEqual(failures.length, 1);
    assert.match(failures[0].message, /initialValues/);
    assert.deepStrictEqual(t.sent, [], 'nothing may be sent before the appliance speaks');
  });

  it('times out when the appliance never opens the session', async () => {
    const t = new FakeTransport();
    const session = new Session({ transport: t, profile: stubProfile(), deviceName: 'n', deviceId: 'd', initialTimeoutMs: 30 });
    t.open();
    await assert.rejects(session.handshake(), { kind: 'timeout' });
    session.dispose();
  });

  it('a request without answer times out (optional steps too: a silent appliance is stuck)', async () => {
    const { session } = setup({ replies: { '/ni/info': { silent: true } } }, 40);
    await assert.rejects(
      session.handshake(),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'timeout' && /GET \/ni\/info/.test(e.message),
    );
  });
});
