import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import { harness, waitState, type Attempt, type FakeTransport, type Harness } from '../support/fake-transport';

const S = 1234567890;

/** Texts the client sent after the handshake (7 messages incl. the initialValues reply). */
function writes(t: FakeTransport): string[] {
  return t.sent.slice(7);
}

describe('ApplianceConnection writes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.conn.stop();
    h = undefined;
  });

  async function connect(attempt: Attempt = {}, requestTimeoutMs = 500): Promise<{ h: Harness; t: FakeTransport }> {
    h = harness([{ edMsgID: 100, ...attempt }], { requestTimeoutMs });
    const connected = waitState(h.conn, 'connected');
    h.conn.start();
    await connected;
    return { h, t: h.transports[0] };
  }

  it('refuses every write at once while not connected, sending nothing', async () => {
    h = harness([{}]);
    const c = h.conn;
    const calls: Array<Promise<unknown>> = [
      c.setValues({ 'BSH.Common.Setting.ChildLock': true }),
      c.selectProgram('Eco50'),
      c.startProgram('Eco50'),
      c.stopProgram(),
      c.pauseProgram(),
      c.resumeProgram(),
      c.command('BSH.Common.Command.AbortProgram'),
      c.request('/ci/info', 'GET'),
    ];
    for (const p of calls)
      await assert.rejects(
        p,
        (e: unknown) => e instanceof HomeConnectError && e.kind === 'not-connected' && /nothing was sent/.test(e.message),
      );
    assert.strictEqual(h.transports.length, 0);
  });

  it('setValues: POST /ro/values with uid first, enum members as integers', async () => {
    const { h, t } = await connect();
    const r = await h.conn.setValues({ 'BSH.Common.Setting.ChildLock': true, PowerState: 'Off' });
    assert.deepStrictEqual(writes(t), [
      `{"sID":${S},"msgID":106,"resource":"/ro/values","version":1,"action":"POST","data":[{"uid":524,"value":true},{"uid":539,"value":1}]}`,
    ]);
    assert.deepStrictEqual(r, {
      ok: true,
      resource: '/ro/values',
      sent: [
        { uid: 524, value: true },
        { uid: 539, value: 1 },
      ],
    });
  });

  it('setValues: invalid values are refused before sending', async () => {
    const { h, t } = await connect();
    await assert.rejects(h.conn.setValues({ PowerState: 'Sideways' }), { kind: 'validation' });
    await assert.rejects(h.conn.setValues({}), { kind: 'validation' });
    assert.deepStrictEqual(writes(t), []);
  });

  it('selectProgram: POST /ro/selectedProgram [{program, options:[{uid,value}]}]', async () => {
    const { h, t } = await connect();
    await h.conn.selectProgram('Dishcare.Dishwasher.Program.Eco50', { 'BSH.Common.Option.StartInRelative': 600 });
    await h.conn.selectProgram('Quick45');
    assert.deepStrictEqual(writes(t), [
      `{"sID":${S},"msgID":106,"resource":"/ro/selectedProgram","version":1,"action":"POST","data":[{"program":8196,"options":[{"uid":558,"value":600}]}]}`,
      `{"sID":${S},"msgID":107,"resource":"/ro/selectedProgram","version":1,"action":"POST","data":[{"program":8199}]}`,
    ]);
  });

  it('startProgram(): starts the program selected on the appliance', async () => {
    const { h, t } = await connect({ values: [{ uid: 257, value: 8196 }] });
    await h.conn.startProgram();
    assert.deepStrictEqual(writes(t), [
      `{"sID":${S},"msgID":106,"resource":"/ro/activeProgram","version":1,"action":"POST","data":[{"program":8196}]}`,
    ]);
  });

  it('startProgram(): nothing selected → validation error, nothing sent', async () => {
    const { h, t } = await connect({ values: [{ uid: 257, value: 0 }] });
    await assert.rejects(
      h.conn.startProgram(),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && /No program is selected/.test(e.message),
    );
    assert.deepStrictEqual(writes(t), []);
  });

  it('refuses a start while RemoteControlStartAllowed is false', async () => {
    const { h, t } = await connect({ values: [{ uid: 517, value: false }] });
    await assert.rejects(h.conn.startProgram('Eco50'), {
      kind: 'validation',
      message: 'Remote start is not allowed on the appliance: enable Remote Start on it.',
    });
    assert.deepStrictEqual(writes(t), []);
  });

  it('refuses start/select while the root is read-only after a description change', async () => {
    const { h, t } = await connect({
      descriptions: [
        { uid: 256, access: 'READ' },
        { uid: 257, access: 'NONE' },
      ],
    });
    await assert.rejects(
      h.conn.startProgram('Eco50'),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && /ActiveProgram/.test(e.message),
    );
    await assert.rejects(
      h.conn.selectProgram('Eco50'),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && /SelectedProgram/.test(e.message),
    );
    assert.deepStrictEqual(writes(t), []);
  });

  it('a start without answer rejects with unknown-outcome and is never resent', async () => {
    const { h, t } = await connect({ replies: { '/ro/activeProgram': { silent: true } } }, 60);
    await assert.rejects(h.conn.startProgram('Eco50'), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'unknown-outcome');
      assert.match(e.message, /may or may not have started/);
      return true;
    });
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(writes(t).filter((s) => s.includes('/ro/activeProgram')).length, 1);
  });

  it('other writes without answer reject with timeout', async () => {
    const { h } = await connect({ replies: { '/ro/values': { silent: true } } }, 60);
    await assert.rejects(h.conn.setValues({ ChildLock: true }), { kind: 'timeout' });
  });

  it('stop/pause/resume send the boolean commands', async () => {
    const { h, t } = await connect();
    await h.conn.stopProgram();
    await h.conn.pauseProgram();
    await h.conn.resumeProgram();
    await h.conn.command('BSH.Common.Command.AcknowledgeEvent', 540);
    assert.deepStrictEqual(
      writes(t).map((s) => JSON.parse(s).data),
      [[{ uid: 512, value: true }], [{ uid: 537, value: true }], [{ uid: 546, value: true }], [{ uid: 6, value: 540 }]],
    );
  });

  it('an error RESPONSE becomes appliance-error named from the appliance table', async () => {
    const { h } = await connect({ replies: { '/ro/activeProgram': { code: 538 } } });
    await assert.rejects(h.conn.startProgram('Eco50'), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'appliance-error');
      assert.strictEqual(e.code, 538);
      assert.strictEqual(e.codeName, 'BSH.Common.Error.RemoteStartNotActive');
      assert.match(e.message, /POST \/ro\/activeProgram/);
      return true;
    });
  });

  it('request(): raw GET/POST/NOTIFY with codes reported, not thrown', async () => {
    const { h, t } = await connect({ replies: { '/ci/registeredDevices': { code: 404 }, '/ci/tzInfo': { data: [{ tz: '' }] } } });
    assert.deepStrictEqual(await h.conn.request('/ci/registeredDevices', 'GET'), {
      action: 'RESPONSE',
      resource: '/ci/registeredDevices',
      code: 404,
      codeName: 'BSH.Common.Error.404.NotFound',
    });
    assert.deepStrictEqual(await h.conn.request('/ci/tzInfo', 'GET'), { action: 'RESPONSE', resource: '/ci/tzInfo', data: [{ tz: '' }] });
    assert.deepStrictEqual(await h.conn.request('/ei/deviceReady', 'NOTIFY'), { action: 'NOTIFY', resource: '/ei/deviceReady' });
    assert.strictEqual(JSON.parse(writes(t)[0]).version, 3, 'ci requests use the advertised ci version');
    await assert.rejects(h.conn.request('no-slash', 'GET'), { kind: 'validation' });
  });

  it('a link that drops while a start is pending gives unknown-outcome', async () => {
    const { h, t } = await connect({ replies: { '/ro/activeProgram': { silent: true } } }, 5000);
    const p = h.conn.startProgram('Eco50');
    await t.nextSentAfter(7);
    t.drop();
    await assert.rejects(p, { kind: 'unknown-outcome' });
  });
});
