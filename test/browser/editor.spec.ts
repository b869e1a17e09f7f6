/**
 * The editor in a real browser (Debian's Chromium through playwright-core) against a spawned
 * Node-RED 4 with this package installed, a fake Home Connect cloud and two appliance
 * simulators, all on 127.0.0.1.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeProfileZip } from '../../src/profile/import';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { strToU8, zipSync } from 'fflate';
import { browserLogin, closedPort, fakeApplianceFrom, startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import {
  browserSkipReason,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  repoRoot,
  startNodeRed,
  type NodeRedInstance,
} from '../support/browser-node-red';
import { fetch } from 'undici';

// Browser globals inside page.evaluate callbacks (the project compiles without the DOM lib).
declare const window: any;
declare const document: any;

const [DISHWASHER, WASHER] = demoRecords();
const ARTIFACTS = path.join(repoRoot(), 'test-artifacts', 'browser');
const TIMING = {
  connectTimeoutMs: 2000,
  handshakeTimeoutMs: 4000,
  requestTimeoutMs: 4000,
  pingIntervalMs: 5000,
  deadAfterMs: 15000,
  backoffMinMs: 50,
  backoffMaxMs: 300,
};

function row(haId: string): string {
  return `#node-config-input-appliance-list .hc-appliance-item[data-haid="${haId}"]`;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('editor in a real browser', function () {
  this.timeout(120000);
  let cloud: FakeCloud | undefined;
  let red: NodeRedInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const sims: ApplianceSimulator[] = [];
  const hosts: Record<string, string> = {};

  before(async function () {
    const reason = browserSkipReason();
    if (reason) {
      console.log(`      ${reason}`);
      this.skip();
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    cloud = await startFakeCloud({ appliances: [fakeApplianceFrom(DISHWASHER), fakeApplianceFrom(WASHER)] });
    for (const record of [DISHWASHER, WASHER]) {
      const sim = new ApplianceSimulator({ record, host: '127.0.0.1', port: 0 });
      sims.push(sim);
      const { port } = await sim.start();
      hosts[record.haId] = `127.0.0.1:${port}`;
    }
    red = await startNodeRed({
      env: { HOMECONNECT_LOCAL_API_URL: cloud.url, HOMECONNECT_LOCAL_ASSET_URL: cloud.url },
      settings: { homeconnectLocalAccountTiming: TIMING },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log('      page error:', e.message));
    await page.goto(red.url + '/');
    await page.waitForFunction(() => {
      const RED = (window as any).RED;
      return !!(RED && RED.nodes && RED.nodes.getType('homeconnect-local-account') && RED.workspaces && RED.workspaces.active());
    }, undefined, { timeout: 60000 });
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="homeconnect-local-in"]');
    // The login opens the authorize URL in a new tab; keep it instead, the test plays the browser.
    await page.evaluate(() => {
      (window as any).__opened = [];
      window.open = (u: string) => {
        window.__opened.push(u);
        return null;
      };
    });
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await red?.stop();
    for (const sim of sims) await sim.stop();
    await cloud?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      if (page) await page.screenshot({ path: path.join(ARTIFACTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      if (red) console.log(red.output().split('\n').slice(-40).join('\n'));
    }
  });

  async function importNodes(nodes: unknown[]): Promise<void> {
    await page.evaluate((list) => {
      const RED = (window as any).RED;
      const z = RED.workspaces.active();
      RED.view.importNodes(list.map((n: any) => (n.type.endsWith('-account') ? n : { ...n, z })));
    }, nodes);
  }

  async function deploy(): Promise<void> {
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('#red-ui-header-button-deploy.disabled');
  }

  async function openAccount(id: string): Promise<void> {
    await page.evaluate((accountId) => (window as any).RED.editor.editConfig('', 'homeconnect-local-account', accountId), id);
    await page.waitForSelector('#hc-login-button', { state: 'visible' });
  }

  async function statusOf(nodeId: string): Promise<string> {
    return page.evaluate((id) => document.querySelector(`[id="${id}"] .red-ui-flow-node-status-label`)?.textContent ?? '', nodeId);
  }

  it('logs in against the fake cloud, picks appliances, tests a connection, deploys and shows an in node connected', async function () {
    await importNodes([
      { id: 'hcacc1', type: 'homeconnect-local-account', name: 'Home', region: 'EU', appliances: [] },
      { id: 'hcin1', type: 'homeconnect-local-in', x: 200, y: 100, account: 'hcacc1', appliance: '', output: 'changes', filter: '', initial: true, wires: [] },
    ]);
    await openAccount('hcacc1');
    const labels = await page.textContent('#hc-login-button');
    assert.match(labels ?? '', /Log in with Home Connect/);
    await page.click('#hc-login-button');
    await page.waitForFunction(() => (window as any).__opened.length === 1);
    const authorizeUrl = await page.evaluate(() => (window as any).__opened[0] as string);
    assert.ok(authorizeUrl.startsWith(cloud!.url + '/security/oauth/authorize?'), authorizeUrl);
    await page.waitForSelector('#hc-login-panel', { state: 'visible' });
    assert.match((await page.textContent('#hc-login-panel')) ?? '', /SingleKey ID/);
    const address = await browserLogin(authorizeUrl);
    assert.ok(address.startsWith('hcauth://auth/prod?code='));
    // An address from another attempt is refused with a sentence; the login stays usable.
    await page.fill('#hc-login-address', 'hcauth://auth/prod?code=abc&state=someone-else');
    await page.click('#hc-login-continue');
    await page.waitForSelector('#hc-account-messages .hc-message-error');
    assert.match((await page.textContent('#hc-account-messages')) ?? '', /another login attempt/);
    await page.fill('#hc-login-address', address);
    await page.click('#hc-login-continue');
    await page.waitForSelector(row(DISHWASHER.haId));
    await page.waitForSelector(row(WASHER.haId));
    assert.match((await page.textContent(row(WASHER.haId) + ' .hc-appliance-desc')) ?? '', /Washer.*HCLOCAL.*DEMO-WM1/);
    assert.strictEqual(await page.inputValue(row(WASHER.haId) + ' .hc-appliance-connection'), 'AES');
    assert.match((await page.textContent('#hc-account-messages')) ?? '', /Found 2 appliance/);
    for (const r of [DISHWASHER, WASHER]) await page.fill(row(r.haId) + ' .hc-appliance-host', hosts[r.haId]);
    await page.fill(row(DISHWASHER.haId) + ' .hc-appliance-name', 'Kitchen dishwasher');

    // Test connection before any deploy: the keys come from this dialog.
    await page.click(row(DISHWASHER.haId) + ' .hc-appliance-test');
    await page.waitForSelector(row(DISHWASHER.haId) + ' .hc-appliance-result[data-state="ok"]', { timeout: 30000 });
    const result = (await page.textContent(row(DISHWASHER.haId) + ' .hc-appliance-result')) ?? '';
    assert.match(result, /^Connected: .*DEMO-DW1, software \S+/, result);
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-login.png') });

    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
    const saved = await page.evaluate(() => {
      const n = (window as any).RED.nodes.node('hcacc1');
      return { appliances: n.appliances, profiles: n.credentials.pending as string };
    });
    assert.deepStrictEqual(
      saved.appliances.map((a: any) => [a.haId, a.name, a.host, a.connectionType]),
      [
        [DISHWASHER.haId, 'Kitchen dishwasher', hosts[DISHWASHER.haId], 'TLS'],
        [WASHER.haId, WASHER.name, hosts[WASHER.haId], 'AES'],
      ],
    );
    assert.ok(!JSON.stringify(saved.appliances).includes(DISHWASHER.key), 'no key in the appliances property');
    const profiles = JSON.parse(saved.profiles);
    assert.strictEqual(profiles[DISHWASHER.haId].key, DISHWASHER.key);
    assert.strictEqual(profiles[WASHER.haId].iv, WASHER.iv);

    // In node: appliance drop-down from the (undeployed) account, key picker from the editor-held profile.
    await page.evaluate(() => (window as any).RED.editor.edit((window as any).RED.nodes.node('hcin1')));
    await page.waitForSelector(`#node-input-appliance option[value="${DISHWASHER.haId}"]`, { state: 'attached' });
    await page.selectOption('#node-input-appliance', DISHWASHER.haId);
    await page.waitForSelector('#hc-in-key-picker optgroup[data-kind="statuses"] option[value="BSH.Common.Status.OperationState"]', { state: 'attached' });
    await page.selectOption('#hc-in-key-picker', 'BSH.Common.Status.OperationState');
    await page.click('#hc-in-key-add');
    assert.strictEqual(await page.inputValue('#node-input-filter'), 'BSH.Common.Status.OperationState');
    await page.screenshot({ path: path.join(ARTIFACTS, 'in-node-picker.png') });
    await page.click('#node-dialog-ok');
    await page.waitForSelector('#node-input-appliance', { state: 'detached' });

    await deploy();
    await until('the in node to show connected', async () => (await statusOf('hcin1')) === 'connected', 30000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'in-node-connected.png') });
    const flows = (await red!.getFlows()) as any[];
    const account = flows.find((n) => n.id === 'hcacc1');
    assert.strictEqual(account.appliances.length, 2);
    assert.ok(!JSON.stringify(flows).includes(DISHWASHER.key), 'the flow holds no key');

    // Diagnostics of the deployed account, redacted.
    await openAccount('hcacc1');
    await page.click('#hc-diagnostics-button');
    await page.waitForFunction((haId) => (document.querySelector('#hc-diagnostics-text')?.textContent ?? '').includes(haId), DISHWASHER.haId);
    const diag = (await page.textContent('#hc-diagnostics-text')) ?? '';
    assert.ok(!diag.includes(DISHWASHER.key) && !diag.includes(WASHER.key), 'diagnostics show no key');
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-diagnostics.png') });
    await page.click('#node-config-dialog-cancel');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });

  });

  it('imports a profile ZIP through the file picker and tests the AES connection', async function () {
    await importNodes([{ id: 'hcacc2', type: 'homeconnect-local-account', name: 'Imported', region: 'EU', appliances: [] }]);
    await openAccount('hcacc2');
    const zip = writeProfileZip({ ...WASHER, name: 'Laundry', host: hosts[WASHER.haId] });
    await page.setInputFiles('#hc-import-file', { name: zip.fileName, mimeType: 'application/zip', buffer: Buffer.from(zip.data) });
    await page.waitForSelector(row(WASHER.haId));
    assert.match((await page.textContent('#hc-account-messages')) ?? '', /Imported 1 appliance/);
    assert.strictEqual(await page.inputValue(row(WASHER.haId) + ' .hc-appliance-name'), 'Laundry');
    assert.strictEqual(await page.inputValue(row(WASHER.haId) + ' .hc-appliance-host'), hosts[WASHER.haId]);
    await page.click(row(WASHER.haId) + ' .hc-appliance-test');
    await page.waitForSelector(row(WASHER.haId) + ' .hc-appliance-result[data-state="ok"]', { timeout: 30000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-import.png') });
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
    const saved = await page.evaluate(() => {
      const n = (window as any).RED.nodes.node('hcacc2');
      return { appliances: n.appliances, profiles: n.credentials.pending as string };
    });
    assert.deepStrictEqual(saved.appliances.map((a: any) => a.haId), [WASHER.haId]);
    assert.strictEqual(JSON.parse(saved.profiles)[WASHER.haId].key, WASHER.key);
  });

  it('adds an appliance by hand: host, transport, key and an IDDF ZIP', async function () {
    await importNodes([{ id: 'hcacc3', type: 'homeconnect-local-account', name: 'Manual', region: 'EU', appliances: [] }]);
    await openAccount('hcacc3');
    await page.click('#hc-manual-button');
    await page.waitForSelector('#hc-manual-panel', { state: 'visible' });
    await page.click('#hc-manual-add');
    assert.match((await page.textContent('#hc-account-messages')) ?? '', /IDDF ZIP[\s\S]*key/);
    const iddf = zipSync({
      [`${DISHWASHER.haId}_DeviceDescription.xml`]: strToU8(DISHWASHER.deviceDescription!),
      [`${DISHWASHER.haId}_FeatureMapping.xml`]: strToU8(DISHWASHER.featureMapping!),
    });
    await page.fill('#hc-manual-host', hosts[DISHWASHER.haId]);
    await page.selectOption('#hc-manual-connection', 'TLS');
    await page.fill('#hc-manual-key', DISHWASHER.key);
    await page.setInputFiles('#hc-manual-file', { name: `${DISHWASHER.haId}.zip`, mimeType: 'application/zip', buffer: Buffer.from(iddf) });
    await page.click('#hc-manual-add');
    await page.waitForSelector(row(DISHWASHER.haId));
    assert.strictEqual(await page.inputValue(row(DISHWASHER.haId) + ' .hc-appliance-host'), hosts[DISHWASHER.haId]);
    // The deployed in node holds the dishwasher's only connection: the appliance answers 503.
    await page.click(row(DISHWASHER.haId) + ' .hc-appliance-test');
    await page.waitForSelector(row(DISHWASHER.haId) + ' .hc-appliance-result[data-state="failed"]', { timeout: 30000 });
    assert.match((await page.textContent(row(DISHWASHER.haId) + ' .hc-appliance-result')) ?? '', /503.*one connection at a time/);
    sims[0].faults.refuseSecondConnection(false);
    try {
      await page.click(row(DISHWASHER.haId) + ' .hc-appliance-test');
      await page.waitForSelector(row(DISHWASHER.haId) + ' .hc-appliance-result[data-state="ok"]', { timeout: 30000 });
    } finally {
      sims[0].faults.refuseSecondConnection(true);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-manual.png') });
    // A host with nothing listening: the reason is shown as a sentence.
    await page.fill(row(DISHWASHER.haId) + ' .hc-appliance-host', `127.0.0.1:${await closedPort()}`);
    await page.click(row(DISHWASHER.haId) + ' .hc-appliance-test');
    await page.waitForSelector(row(DISHWASHER.haId) + ' .hc-appliance-result[data-state="failed"]', { timeout: 30000 });
    assert.match((await page.textContent(row(DISHWASHER.haId) + ' .hc-appliance-result')) ?? '', /^Failed: .+/);
    await page.click('#node-config-dialog-cancel');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
  });

  it('shows the account dialog in German for a German browser', async function () {
    const context = await browser!.newContext({ locale: 'de-DE', viewport: { width: 1400, height: 1000 } });
    try {
      const de = await context.newPage();
      await de.goto(red!.url + '/');
      await de.waitForFunction(() => !!(window.RED && window.RED.nodes && window.RED.nodes.getType('homeconnect-local-account') && window.RED.workspaces.active()), undefined, { timeout: 60000 });
      await de.evaluate(() => window.RED.editor.editConfig('', 'homeconnect-local-account', 'hcacc1'));
      await de.waitForSelector('#hc-login-button', { state: 'visible' });
      assert.match((await de.textContent('#hc-login-button')) ?? '', /Mit Home Connect anmelden/);
      assert.match((await de.textContent('#hc-login-panel')) ?? '', /Adresszeile/);
      assert.match((await de.textContent(row(DISHWASHER.haId) + ' .hc-appliance-test')) ?? '', /Verbindung testen/);
      await de.screenshot({ path: path.join(ARTIFACTS, 'account-de.png') });
    } finally {
      await context.close();
    }
  });

  it('builds a program start in the out node and the simulator runs it', async function () {
    await importNodes([
      { id: 'hcout1', type: 'homeconnect-local-out', x: 420, y: 220, account: 'hcacc1', appliance: WASHER.haId, allowDangerous: false, wires: [[]] },
      {
        id: 'hcinj1', type: 'inject', x: 200, y: 220, name: 'start', props: [{ p: 'payload' }], repeat: '', crontab: '',
        once: false, onceDelay: 0.1, topic: '', payload: '{}', payloadType: 'json', wires: [['hcout1']],
      },
    ]);
    await deploy();
    await until('the out node to show connected', async () => (await statusOf('hcout1')) === 'connected', 30000);
    await page.evaluate(() => (window as any).RED.editor.edit((window as any).RED.nodes.node('hcout1')));
    await page.waitForSelector('#hc-out-live[data-state="connected"]', { timeout: 30000 });
    await page.waitForSelector('#hc-out-program option[value="LaundryCare.Washer.Program.Cotton"]', { state: 'attached' });
    const favourites = await page.$$eval('#hc-out-program optgroup', (groups) => groups.map((g) => g.getAttribute('label')));
    assert.ok(favourites.includes('Favourites'), JSON.stringify(favourites));
    await page.selectOption('#hc-out-program', 'LaundryCare.Washer.Program.Cotton');
    const temperature = '#hc-out-options .hc-out-option[data-key="LaundryCare.Washer.Option.Temperature"]';
    await page.waitForSelector(temperature);
    const members = await page.$$eval(temperature + ' select.hc-out-option-value option', (os) => os.map((o: any) => o.value as string));
    assert.ok(members.length > 1 && members.every((m) => !/^\d+$/.test(m)), `enum members by name: ${members}`);
    const member = members[1];
    await page.selectOption(temperature + ' select.hc-out-option-value', member);
    const spin = '#hc-out-options .hc-out-option[data-key="LaundryCare.Washer.Option.SpinSpeed"]';
    assert.ok(await page.$(spin), 'spin speed option shown');
    await page.selectOption('#hc-out-action', 'start');
    const text = await page.inputValue('#hc-out-payload');
    const payload = JSON.parse(text);
    assert.deepStrictEqual(payload, {
      program: 'LaundryCare.Washer.Program.Cotton',
      options: { 'LaundryCare.Washer.Option.Temperature': member },
      action: 'start',
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'out-node-builder.png') });
    // Settings picker: one writable setting with a value that fits it.
    await page.selectOption('#hc-out-what', 'setting');
    await page.waitForSelector('#hc-out-setting option[value="LaundryCare.Common.Setting.SignalVolume"]', { state: 'attached' });
    await page.selectOption('#hc-out-setting', 'LaundryCare.Common.Setting.SignalVolume');
    const volumes = await page.$$eval('#hc-out-setting-value select option', (os) => os.map((o: any) => o.value as string));
    assert.ok(volumes.length > 1, `members: ${volumes}`);
    await page.selectOption('#hc-out-setting-value select', volumes[0]);
    assert.deepStrictEqual(JSON.parse(await page.inputValue('#hc-out-payload')), { 'LaundryCare.Common.Setting.SignalVolume': volumes[0] });
    await page.click('#node-dialog-cancel');
    await page.waitForSelector('#hc-out-program', { state: 'detached' });

    // Send the built payload as an inject node would (Admin API "inject now" with custom props).
    const res = await fetch(`${red!.url}/inject/hcinj1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ __user_inject_props__: [{ p: 'payload', v: text, vt: 'json' }] }),
    });
    await res.arrayBuffer();
    assert.strictEqual(res.status, 200);
    const washer = sims[1];
    await until('the simulated washer to run', () => washer.getValue('BSH.Common.Status.OperationState') === 'Run', 30000);
    assert.strictEqual(washer.getValue('BSH.Common.Root.ActiveProgram'), 'LaundryCare.Washer.Program.Cotton');
    assert.strictEqual(washer.getValue('LaundryCare.Washer.Option.Temperature'), member);
  });
  it('a later editor session renames and removes appliances without the stored keys; the runtime keeps them', async function () {
    // The page reloaded: the editor holds no secret, and the admin API never hands one out.
    await page.reload();
    await page.waitForFunction(() => {
      const RED = (window as any).RED;
      return !!(RED && RED.nodes && RED.nodes.node('hcacc1') && RED.workspaces && RED.workspaces.active());
    }, undefined, { timeout: 60000 });
    await openAccount('hcacc1');
    await page.fill(row(DISHWASHER.haId) + ' .hc-appliance-name', 'Dishwasher downstairs');
    await page.uncheck(row(WASHER.haId) + ' .hc-appliance-keep');
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
    // The washer's out node goes with it.
    await page.evaluate(() => {
      const RED = (window as any).RED;
      const out = RED.nodes.node('hcout1');
      if (out) RED.nodes.remove('hcout1');
      RED.nodes.dirty(true);
      RED.view.redraw(true);
    });
    await page.waitForSelector('#red-ui-header-button-deploy:not(.disabled)');
    await deploy();
    // The deploy button greys out while the deploy is in flight: wait for the runtime's copy.
    let redeployed: any;
    await until('the runtime to hold the edited account', async () => {
      redeployed = ((await red!.getFlows()) as any[]).find((n) => n.id === 'hcacc1');
      return redeployed.appliances.length === 1;
    });
    assert.deepStrictEqual(redeployed.appliances.map((a: any) => [a.haId, a.name]), [[DISHWASHER.haId, 'Dishwasher downstairs']]);
    // The new account node (new name) connects with the key it kept from the stored credentials.
    await until('the redeployed account to connect with the stored key', async () => {
      const res = await fetch(`${red!.url}/homeconnect-local/account/hcacc1/diagnostics`);
      const text = await res.text();
      return res.status === 200 && /"name":"Dishwasher downstairs"[^}]*"state":"connected"/.test(text);
    }, 30000);
    await until('the in node to show connected', async () => (await statusOf('hcin1')) === 'connected', 30000);
  });
});
