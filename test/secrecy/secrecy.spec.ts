import * as assert from 'assert';
import { deriveAesKeys } from '../../src/protocol/aes-frame-codec';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import type { ApplianceRecord } from '../../src/profile/types';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startDemoSimulators,
  startServer,
  stopServer,
  testAccount,
} from '../support/node-red-helper';
import type { DemoSims, FlowNode, TestNode } from '../support/node-red-helper';
import { browserLogin, startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { FAULT_TIMING, sendAsAppliance, until } from '../reliability/fault-harness';

type Msg = Record<string, any>;
const TAB = 'secrecy';
const P = '/homeconnect-local';

/**
 * Every way a secret could be written, whole or in part: every 16-character window of its
 * base64 and base64url text (at each of the three byte alignments, so a secret inside a
 * longer encoded value is found too), every 20-character window of its hex text, and a
 * Buffer's JSON form.
 */
export function needlesFor(secret: Buffer): string[] {
  const out = new Set<string>();
  const windows = (text: string, n: number): void => {
    for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
  };
  windows(secret.toString('hex'), 20);
  for (let k = 0; k < 3; k++) {
    const shifted = Buffer.concat([Buffer.alloc(k), secret]);
    for (const enc of ['base64', 'base64url'] as const) {
      // Only characters made of the secret's bits alone are the same wherever the secret sits.
      const first = Math.ceil((8 * k) / 6);
      const last = Math.floor((8 * (k + secret.length) - 6) / 6);
      windows(shifted.toString(enc).slice(first, last + 1), 16);
    }
  }
  out.add(Array.from(secret).join(','));
  return [...out];
}

function hits(text: string, needles: Map<string, string>): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const [needle, what] of needles) {
    const isHex = /^[0-9a-f]+$/i.test(needle);
    if (isHex ? lower.includes(needle.toLowerCase()) : text.includes(needle)) found.push(what);
  }
  return found;
}

function stringify(v: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(v, (_k, x: unknown) => {
        if (x instanceof Error) return { name: x.name, message: x.message, stack: x.stack, ...(x as unknown as Record<string, unknown>) };
        if (typeof x === 'object' && x !== null) {
          if (seen.has(x)) return '[cycle]';
          seen.add(x);
        }
        if (typeof x === 'bigint') return String(x);
        return x;
      }) ?? String(v)
    );
  } catch {
    return String(v);
  }
}

/**
 * A full run with debug logging — connect, values, writes, errors, faults, a wrong key, a
 * cloud login, diagnostics, live and profile views, flows export — captures every log line,
 * status, node message and admin answer, and finds no key, iv, derived AES key or token in
 * any encoding.
 */
describe(`secrecy: no key, iv or token anywhere (${nodeRedModule})`, function () {
  this.timeout(60_000);
  const helper = nodeRedHelper();
  let sims: DemoSims;
  let cloud: FakeCloud | undefined;
  let third: ApplianceSimulator | undefined;
  // node-red-node-test-helper's supertest agent on the admin app
  const request = (): any => (helper as unknown as { request(): unknown }).request();
  const saved = { api: process.env.HOMECONNECT_LOCAL_API_URL, asset: process.env.HOMECONNECT_LOCAL_ASSET_URL };

  before(async () => {
    await startServer(helper);
    sims = await startDemoSimulators();
  });
  after(async () => {
    await helper.unload();
    await sims.stop();
    await third?.stop();
    await cloud?.close();
    for (const [name, value] of [
      ['HOMECONNECT_LOCAL_API_URL', saved.api],
      ['HOMECONNECT_LOCAL_ASSET_URL', saved.asset],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await stopServer(helper);
    nodeRedHelper();
  });

  it('full run with debug logging: logs, statuses, messages, errors, diagnostics, views and flows export are clean', async () => {
    helper.settings({ logging: { console: { level: 'debug' } }, homeconnectLocalAccountTiming: FAULT_TIMING });
    // A third appliance with a key it does not match: auth-failed messages must not show either key.
    third = new ApplianceSimulator({ record: { ...sims.records[1], haId: 'HCLOCAL-WRONGKEY-000000000003' } });
    await third.start();
    const wrongKey: ApplianceRecord = {
      ...sims.records[1],
      host: third.hostPort,
      haId: 'HCLOCAL-WRONGKEY-000000000003',
      name: 'wrong key washer',
      key: Buffer.alloc(32, 0x3c).toString('base64url'),
      iv: Buffer.alloc(16, 0x5d).toString('base64url'),
    };
    const records = [...sims.records, wrongKey];
    const account = testAccount(records);
    const ins: FlowNode[] = records.map((r, i) => ({
      id: `in${i}`,
      type: 'homeconnect-local-in',
      z: TAB,
      account: ACCOUNT_ID,
      appliance: r.haId,
      output: i === 1 ? 'state' : 'changes',
      filter: '',
      initial: true,
      wires: [['dbg', 'h1']],
    }));
    const flow: FlowNode[] = [
      { id: TAB, type: 'tab', label: 'secrecy' },
      account.node,
      ...ins,
      {
        id: 'out1',
        type: 'homeconnect-local-out',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: sims.records[0].haId,
        allowDangerous: false,
        wires: [['dbg', 'h1']],
      },
      {
        id: 'out2',
        type: 'homeconnect-local-out',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: sims.records[1].haId,
        allowDangerous: true,
        wires: [['dbg', 'h1']],
      },
      {
        id: 'dbg',
        type: 'debug',
        z: TAB,
        active: true,
        tosidebar: true,
        console: true,
        tostatus: true,
        complete: 'true',
        targetType: 'full',
        statusVal: 'payload',
        statusType: 'auto',
      },
      { id: 'c1', type: 'catch', z: TAB, scope: null, uncaught: false, wires: [['dbg', 'h1']] },
      { id: 'h1', type: 'helper', z: TAB },
    ];
    await helper.load([coreNode('common/21-debug.js'), coreNode('common/25-catch.js'), homeconnectNodes()], flow, account.credentials);
    const messages: Msg[] = [];
    helper.getNode('h1').on('input', (m: Msg) => messages.push(m));
    const acc = (): TestNode => helper.getNode(ACCOUNT_ID);
    const state = (haId: string): string | undefined => acc().connection(haId)?.client.state;
    await until(
      () => state(sims.records[0].haId) === 'connected' && state(sims.records[1].haId) === 'connected',
      'both demo appliances connected',
    );
    await until(() => state(wrongKey.haId) === 'auth-failed', 'wrong key reported');

    // Values, writes (ok and refused), raw requests, errors from the appliance.
    const send = async (node: string, payload: unknown): Promise<void> => {
      const n = messages.length;
      helper.getNode(node).receive({ payload });
      await until(() => messages.length > n, `answer to ${JSON.stringify(payload)}`);
    };
    sims.dishwasher.setValue('BSH.Common.Status.DoorState', 'Open');
    sims.washer.setValue('BSH.Common.Setting.ChildLock', true);
    await send('out1', { 'BSH.Common.Setting.ChildLock': true });
    await send('out1', { NoSuchSetting: 1 });
    await send('out1', { resource: '/ro/values', action: 'POST', data: [{ uid: 527, value: 0 }] });
    await send('out2', { resource: '/ci/registeredDevices', action: 'GET' });
    await send('out2', { resource: '/iz/info', action: 'GET' });
    await send('out2', { program: 'LaundryCare.Washer.Program.Cotton', action: 'start' });
    await send('out2', { command: 'BSH.Common.Command.AbortProgram' });

    // Faults: errors and reconnects are logged at debug level.
    sims.washer.faults.sendMisTagged();
    await until(() => state(sims.records[1].haId) !== 'connected', 'washer error');
    await until(() => state(sims.records[1].haId) === 'connected', 'washer back');
    await sendAsAppliance(sims.dishwasher, '{"broken":');
    await until(() => state(sims.records[0].haId) !== 'connected', 'dishwasher error');
    await until(() => state(sims.records[0].haId) === 'connected', 'dishwasher back');
    await send('out2', { 'BSH.Common.Setting.ChildLock': false });

    // Cloud login (tokens) through the admin API.
    cloud = await startFakeCloud({
      appliances: sims.records.map((r) => ({
        haId: r.haId,
        haType: r.type ?? 'Washer',
        brand: r.brand ?? 'BOSCH',
        vib: r.vib ?? 'X',
        transport: r.connectionType,
        key: r.key,
        ...(r.iv ? { iv: r.iv } : {}),
        deviceDescription: r.deviceDescription!,
        featureMapping: r.featureMapping!,
      })),
    });
    process.env.HOMECONNECT_LOCAL_API_URL = cloud.url;
    process.env.HOMECONNECT_LOCAL_ASSET_URL = cloud.url;
    const start = await request().post(`${P}/login/start`).send({ region: 'EU' }).expect(200);
    const address = await browserLogin(start.body.authorizeUrl);
    await request().post(`${P}/login/complete`).send({ loginId: start.body.loginId, address, account: ACCOUNT_ID }).expect(200);
    assert.ok(cloud.issuedTokens.length > 0, 'a token was issued');
    // A failing test connection with a secret in the body: its error must not echo it.
    const testConn = await request().post(`${P}/test-connection`).send({
      host: sims.dishwasher.hostPort,
      key: wrongKey.key,
      connectionType: 'TLS',
      deviceDescription: records[0].deviceDescription,
      featureMapping: records[0].featureMapping,
    });

    // Admin answers a person can copy: diagnostics, live and profile views.
    const admin: Array<[string, unknown]> = [['test-connection', testConn.body]];
    for (const path of [
      `${P}/account/${ACCOUNT_ID}/diagnostics`,
      ...records.map((r) => `${P}/account/${ACCOUNT_ID}/appliance/${r.haId}/live`),
      ...records.map((r) => `${P}/account/${ACCOUNT_ID}/appliance/${r.haId}/profile`),
    ]) {
      const res = await request().get(path);
      assert.strictEqual(res.status, 200, `${path}: ${res.status} ${res.text}`);
      admin.push([path, res.body]);
    }
    const diagnostics = admin.find(([p]) => p.endsWith('/diagnostics'))![1] as {
      appliances: Array<{ traffic: unknown[]; history: unknown[] }>;
    };
    assert.ok(
      diagnostics.appliances.some((a) => a.traffic.length > 10),
      'diagnostics hold traffic (the test is not vacuous)',
    );

    // The flows export: the editor's GET /flows where the helper serves it, else the runtime's flow config.
    const exported = await request().get('/flows');
    const runtimeFlows = (helper as unknown as { _redNodes: { getFlows(): unknown } })._redNodes.getFlows();
    admin.push(['flows export', exported.status === 200 ? exported.body : runtimeFlows]);

    // Everything captured.
    const node = helper.getNode('h1');
    // The helper's sinon spies on Node.prototype see every node's calls.
    const proto = (helper as unknown as { _NodePrototype: Record<string, { getCalls?(): Array<{ args: unknown[] }> }> })._NodePrototype;
    const spied = (m: string): Array<{ args: unknown[] }> => proto[m]?.getCalls?.() ?? [];
    const sources: Array<[string, unknown]> = [
      ...helper.log().args.map((a, i): [string, unknown] => [`log line ${i}`, a]),
      ...node.status.getCalls().map((c, i): [string, unknown] => [`status ${i}`, c.args]),
      ...(['send', 'warn', 'error', 'log', 'debug', 'trace'] as const).flatMap((m) =>
        spied(m).map((c, i): [string, unknown] => [`node.${m} ${i}`, c.args]),
      ),
      ...messages.map((m, i): [string, unknown] => [`flow message ${i}`, m]),
      ...admin,
    ];
    assert.ok(
      helper.log().args.some((a) => /debug/i.test(stringify(a))),
      'debug-level lines were captured',
    );
    assert.ok(sources.length > 50, `captured ${sources.length} items`);

    const needles = new Map<string, string>();
    for (const r of records) {
      const key = Buffer.from(r.key, 'base64url');
      for (const n of needlesFor(key)) needles.set(n, `${r.name} key`);
      if (r.iv) for (const n of needlesFor(Buffer.from(r.iv, 'base64url'))) needles.set(n, `${r.name} iv`);
      if (r.connectionType === 'AES') {
        const { encKey, macKey } = deriveAesKeys(key);
        for (const n of needlesFor(encKey)) needles.set(n, `${r.name} derived encKey`);
        for (const n of needlesFor(macKey)) needles.set(n, `${r.name} derived macKey`);
      }
    }
    for (const t of cloud.issuedTokens) needles.set(t, 'cloud access token');

    const leaks: string[] = [];
    for (const [where, value] of sources) {
      const found = hits(stringify(value), needles);
      if (found.length) leaks.push(`${where}: ${[...new Set(found)].join(', ')} in ${stringify(value).slice(0, 300)}`);
    }
    assert.deepStrictEqual(leaks, []);
  });
});
