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
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH, repoRoot, startNodeRed, type NodeRedInstance } from '../support/browser-node-red';
import { fetch } from 'undici';

// Browser globals inside page.evaluate callbacks (the project compiles without the DOM lib).
declare const window: any;
declare const document: any;
declare const getComputedStyle: any;

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

/** Window widths the dialogs must fit at the default edit-tray width. */
const WIDTHS = [1280, 1400, 1920];
/** The window the other tests run in; HOMECONNECT_BROWSER_WIDTH runs them at another width. */
const VIEWPORT = { width: Number(process.env.HOMECONNECT_BROWSER_WIDTH) || 1400, height: 1000 };

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
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log('      page error:', e.message));
    await page.goto(red.url + '/');
    await page.waitForFunction(
      () => {
        const RED = window.RED;
        return !!(RED && RED.nodes && RED.nodes.getType('homeconnect-local-account') && RED.workspaces && RED.workspaces.active());
      },
      undefined,
      { timeout: 60000 },
    );
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="homeconnect-local-in"]');
    // The login opens the authorize URL in a new tab; keep it instead, the test plays the browser.
    await page.evaluate(() => {
      window.__opened = [];
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
      if (page)
        await page
          .screenshot({ path: path.join(ARTIFACTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`) })
          .catch(() => undefined);
      if (red) console.log(red.output().split('\n').slice(-40).join('\n'));
    }
  });

  async function importNodes(nodes: unknown[]): Promise<void> {
    await page.evaluate((list) => {
      const RED = window.RED;
      const z = RED.workspaces.active();
      RED.view.importNodes(list.map((n: any) => (n.type.endsWith('-account') ? n : { ...n, z })));
    }, nodes);
  }

  async function deploy(): Promise<void> {
    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('#red-ui-header-button-deploy.disabled');
  }

  async function openAccount(id: string): Promise<void> {
    await page.evaluate((accountId) => window.RED.editor.editConfig('', 'homeconnect-local-account', accountId), id);
    await page.waitForSelector('#hc-login-button', { state: 'visible' });
  }

  async function statusOf(nodeId: string): Promise<string> {
    return page.evaluate((id) => document.querySelector(`[id="${id}"] .red-ui-flow-node-status-label`)?.textContent ?? '', nodeId);
  }

  it('logs in against the fake cloud, picks appliances, tests a connection, deploys and shows an in node connected', async function () {
    await importNodes([
      { id: 'hcacc1', type: 'homeconnect-local-account', name: 'Home', region: 'EU', appliances: [] },
      {
        id: 'hcin1',
        type: 'homeconnect-local-in',
        x: 200,
        y: 100,
        account: 'hcacc1',
        appliance: '',
        output: 'changes',
        filter: '',
        initial: true,
        wires: [],
      },
    ]);
    await openAccount('hcacc1');
    const labels = await page.textContent('#hc-login-button');
    assert.match(labels ?? '', /Log in with Home Connect/);
    await page.click('#hc-login-button');
    await page.waitForFunction(() => window.__opened.length === 1);
    const authorizeUrl = await page.evaluate(() => window.__opened[0] as string);
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
      const n = window.RED.nodes.node('hcacc1');
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
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcin1')));
    await page.waitForSelector(`#node-input-appliance option[value="${DISHWASHER.haId}"]`, { state: 'attached' });
    await page.selectOption('#node-input-appliance', DISHWASHER.haId);
    await page.waitForSelector('#hc-in-key-picker optgroup[data-kind="statuses"] option[value="BSH.Common.Status.OperationState"]', {
      state: 'attached',
    });
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
    await page.waitForFunction(
      (haId) => (document.querySelector('#hc-diagnostics-text')?.textContent ?? '').includes(haId),
      DISHWASHER.haId,
    );
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
      const n = window.RED.nodes.node('hcacc2');
      return { appliances: n.appliances, profiles: n.credentials.pending as string };
    });
    assert.deepStrictEqual(
      saved.appliances.map((a: any) => a.haId),
      [WASHER.haId],
    );
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
    const context = await browser!.newContext({ locale: 'de-DE', viewport: VIEWPORT });
    try {
      const de = await context.newPage();
      await de.goto(red!.url + '/');
      await de.waitForFunction(
        () => !!(window.RED && window.RED.nodes && window.RED.nodes.getType('homeconnect-local-account') && window.RED.workspaces.active()),
        undefined,
        { timeout: 60000 },
      );
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
      {
        id: 'hcout1',
        type: 'homeconnect-local-out',
        x: 420,
        y: 220,
        account: 'hcacc1',
        appliance: WASHER.haId,
        allowDangerous: false,
        wires: [[]],
      },
      {
        id: 'hcinj1',
        type: 'inject',
        x: 200,
        y: 220,
        name: 'start',
        props: [{ p: 'payload' }],
        repeat: '',
        crontab: '',
        once: false,
        onceDelay: 0.1,
        topic: '',
        payload: '{}',
        payloadType: 'json',
        wires: [['hcout1']],
      },
    ]);
    await deploy();
    await until('the out node to show connected', async () => (await statusOf('hcout1')) === 'connected', 30000);
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcout1')));
    await page.waitForSelector('#hc-out-live[data-state="connected"]', { timeout: 30000 });
    await page.waitForSelector('#hc-out-program option[value="LaundryCare.Washer.Program.Cotton"]', { state: 'attached' });
    const favourites = await page.$$eval('#hc-out-program optgroup', (groups) => groups.map((g) => g.getAttribute('label')));
    assert.ok(favourites.includes('Favourites'), JSON.stringify(favourites));
    await page.selectOption('#hc-out-program', 'LaundryCare.Washer.Program.Cotton');
    const temperature = '#hc-out-options .hc-out-option[data-key="LaundryCare.Washer.Option.Temperature"]';
    await page.waitForSelector(temperature);
    const members = await page.$$eval(temperature + ' select.hc-out-option-value option', (os) => os.map((o: any) => o.value as string));
    assert.ok(members.length > 1 && members.every((m) => !/^\d+$/.test(m)), `enum members by name: ${members.join(', ')}`);
    // A member other than the profile default, so a later dialog can tell current values from defaults.
    const profile = (await (await fetch(`${red!.url}/homeconnect-local/account/hcacc1/appliance/${WASHER.haId}/profile`)).json()) as any;
    const cotton = profile.programs.find((p: any) => p.key === 'LaundryCare.Washer.Program.Cotton');
    const temperatureDefault = cotton.options.find((o: any) => o.key === 'LaundryCare.Washer.Option.Temperature').default;
    const member = members.find((m) => m !== String(temperatureDefault))!;
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
    assert.ok(volumes.length > 1, `members: ${volumes.join(', ')}`);
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

  it('out node builder while the washer runs: programs not startable, current option values, stop/pause/resume/command payloads, choices saved with the node', async function () {
    const washer = sims[1];
    assert.strictEqual(washer.getValue('BSH.Common.Status.OperationState'), 'Run', 'the previous test left the washer running');
    const runningTemperature = String(washer.getValue('LaundryCare.Washer.Option.Temperature'));
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcout1')));
    await page.waitForSelector('#hc-out-live[data-state="connected"]', { timeout: 30000 });
    await page.waitForSelector('#hc-out-program option[value="LaundryCare.Washer.Program.Cotton"]', { state: 'attached' });
    // A running program: every program is marked as not startable, with the reason.
    const startable = await page.$$eval('#hc-out-program option', (os) => os.map((o: any) => o.getAttribute('data-startable') as string));
    assert.ok(startable.length > 0 && startable.every((x) => x === 'false'), JSON.stringify(startable));
    assert.match(
      (await page.textContent('#hc-out-program option[value="LaundryCare.Washer.Program.Cotton"]')) ?? '',
      /^✗ .*program is running/,
    );
    await page.waitForSelector('#hc-out-busy', { state: 'visible' });
    // Options start from the appliance's current values, not the profile defaults.
    await page.selectOption('#hc-out-program', 'LaundryCare.Washer.Program.Cotton');
    const temperature = '#hc-out-options .hc-out-option[data-key="LaundryCare.Washer.Option.Temperature"]';
    await page.waitForSelector(temperature);
    assert.strictEqual(await page.inputValue(temperature + ' select.hc-out-option-value'), runningTemperature);
    await page.screenshot({ path: path.join(ARTIFACTS, 'out-node-program-running.png') });
    // Tick an option and save: the choices come back when the dialog opens again.
    await page.check(temperature + ' .hc-out-option-use');
    await page.selectOption('#hc-out-action', 'select');
    await page.click('#node-dialog-ok');
    await page.waitForSelector('#hc-out-program', { state: 'detached' });
    const saved = await page.evaluate(() => window.RED.nodes.node('hcout1').builder);
    assert.deepStrictEqual(saved.program, 'LaundryCare.Washer.Program.Cotton');
    assert.deepStrictEqual(saved.options, { 'LaundryCare.Washer.Option.Temperature': runningTemperature });
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcout1')));
    await page.waitForFunction(() => document.querySelector('#hc-out-program')?.value === 'LaundryCare.Washer.Program.Cotton');
    assert.strictEqual(await page.inputValue('#hc-out-action'), 'select');
    assert.ok(await page.isChecked(temperature + ' .hc-out-option-use'));
    assert.deepStrictEqual(JSON.parse(await page.inputValue('#hc-out-payload')), {
      program: 'LaundryCare.Washer.Program.Cotton',
      options: { 'LaundryCare.Washer.Option.Temperature': runningTemperature },
      action: 'select',
    });

    // Stop, pause and resume.
    await page.selectOption('#hc-out-what', 'control');
    await page.waitForSelector('#hc-out-control', { state: 'visible' });
    for (const action of ['pause', 'resume', 'stop']) {
      await page.selectOption('#hc-out-control', action);
      assert.deepStrictEqual(JSON.parse(await page.inputValue('#hc-out-payload')), { action });
    }
    // Commands: one writable command of the washer's profile, with its value.
    await page.selectOption('#hc-out-what', 'command');
    await page.waitForSelector('#hc-out-command', { state: 'visible' });
    const commands = await page.$$eval('#hc-out-command option', (os) => os.map((o: any) => o.value as string));
    assert.ok(commands.length > 0, 'the washer has writable commands');
    await page.selectOption('#hc-out-command', commands[0]);
    const command = JSON.parse(await page.inputValue('#hc-out-payload'));
    assert.strictEqual(command.command, commands[0]);
    assert.ok('value' in command, JSON.stringify(command));

    // Back to stop, saved; reopened it is still stop, and sent it stops the washer.
    await page.selectOption('#hc-out-what', 'control');
    await page.selectOption('#hc-out-control', 'stop');
    await page.click('#node-dialog-ok');
    await page.waitForSelector('#hc-out-program', { state: 'detached' });
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcout1')));
    await page.waitForSelector('#hc-out-control', { state: 'visible' });
    assert.strictEqual(await page.inputValue('#hc-out-what'), 'control');
    assert.strictEqual(await page.inputValue('#hc-out-control'), 'stop');
    const text = await page.inputValue('#hc-out-payload');
    assert.deepStrictEqual(JSON.parse(text), { action: 'stop' });
    await page.click('#node-dialog-cancel');
    await page.waitForSelector('#hc-out-program', { state: 'detached' });
    const res = await fetch(`${red!.url}/inject/hcinj1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ __user_inject_props__: [{ p: 'payload', v: text, vt: 'json' }] }),
    });
    await res.arrayBuffer();
    assert.strictEqual(res.status, 200);
    await until(
      'the simulated washer to stop',
      () => !['Run', 'Aborting'].includes(String(washer.getValue('BSH.Common.Status.OperationState'))),
      30000,
    );

    // An out node saved before the builder state existed opens with the builder's defaults.
    await importNodes([
      {
        id: 'hcout2',
        type: 'homeconnect-local-out',
        x: 420,
        y: 300,
        account: 'hcacc1',
        appliance: WASHER.haId,
        allowDangerous: false,
        wires: [[]],
      },
    ]);
    await page.evaluate(() => {
      const n = window.RED.nodes.node('hcout2');
      delete n.builder;
      window.RED.editor.edit(n);
    });
    await page.waitForSelector('#hc-out-program option[value="LaundryCare.Washer.Program.Cotton"]', { state: 'attached' });
    assert.strictEqual(await page.inputValue('#hc-out-what'), 'program');
    await page.click('#node-dialog-cancel');
    await page.waitForSelector('#hc-out-program', { state: 'detached' });
  });

  it('account dialog on a deployed account: manual entry updates the host and says so, shared test answer, results cleared on change, panels close, readable diagnostics', async function () {
    await openAccount('hcacc1');
    const dw = row(DISHWASHER.haId);
    // Test connection of the dishwasher, whose session the deployed in node holds: answered by that session.
    await page.click(dw + ' .hc-appliance-test');
    await page.waitForSelector(dw + ' .hc-appliance-result[data-state="ok"]', { timeout: 30000 });
    const shared = (await page.textContent(dw + ' .hc-appliance-result')) ?? '';
    assert.match(shared, /shared connection/);
    assert.ok(!/\bms\b/.test(shared), shared);
    // A result belongs to the host and transport it was made with.
    await page.type(dw + ' .hc-appliance-host', '0');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '', dw + ' .hc-appliance-result');
    assert.strictEqual(await page.getAttribute(dw + ' .hc-appliance-result', 'data-state'), null);
    await page.fill(dw + ' .hc-appliance-host', hosts[DISHWASHER.haId]);
    await page.click(dw + ' .hc-appliance-test');
    await page.waitForSelector(dw + ' .hc-appliance-result[data-state="ok"]', { timeout: 30000 });
    await page.selectOption(dw + ' .hc-appliance-connection', 'AES');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '', dw + ' .hc-appliance-result');
    await page.selectOption(dw + ' .hc-appliance-connection', 'TLS');

    // Manual entry of an appliance already in the list: its host is replaced, the message names it once.
    await page.click('#hc-manual-button');
    await page.waitForSelector('#hc-manual-panel', { state: 'visible' });
    const iddf = zipSync({
      [`${DISHWASHER.haId}_DeviceDescription.xml`]: strToU8(DISHWASHER.deviceDescription!),
      [`${DISHWASHER.haId}_FeatureMapping.xml`]: strToU8(DISHWASHER.featureMapping!),
    });
    await page.fill('#hc-manual-host', '192.0.2.44');
    await page.selectOption('#hc-manual-connection', 'TLS');
    await page.fill('#hc-manual-key', DISHWASHER.key);
    await page.setInputFiles('#hc-manual-file', { name: `${DISHWASHER.haId}.zip`, mimeType: 'application/zip', buffer: Buffer.from(iddf) });
    await page.click('#hc-manual-add');
    await page.waitForSelector('#hc-account-messages .hc-message-ok');
    assert.strictEqual(await page.inputValue(dw + ' .hc-appliance-host'), '192.0.2.44');
    const messages = await page.$$eval('#hc-account-messages li', (lis) => lis.map((li: any) => [li.className, li.textContent as string]));
    assert.ok(messages.length >= 1, JSON.stringify(messages));
    assert.strictEqual(messages[0][0], 'hc-message-ok');
    assert.match(messages[0][1], /^Updated Kitchen dishwasher/);
    assert.ok(!messages.some(([, m]) => /Imported \d/.test(m)), JSON.stringify(messages));
    await page.waitForSelector('#hc-manual-panel', { state: 'hidden' });
    // The manual panel has a close button too.
    await page.click('#hc-manual-button');
    await page.waitForSelector('#hc-manual-panel', { state: 'visible' });
    await page.click('#hc-manual-close');
    await page.waitForSelector('#hc-manual-panel', { state: 'hidden' });

    // The login panel closes.
    await page.click('#hc-login-button');
    await page.waitForSelector('#hc-login-panel', { state: 'visible' });
    await page.click('#hc-login-close');
    await page.waitForSelector('#hc-login-panel', { state: 'hidden' });

    // Diagnostics: times are readable, and the panel closes.
    await page.click('#hc-diagnostics-button');
    await page.waitForFunction(
      (haId) => (document.querySelector('#hc-diagnostics-text')?.textContent ?? '').includes(haId),
      DISHWASHER.haId,
    );
    const diag = JSON.parse((await page.textContent('#hc-diagnostics-text')) ?? '{}');
    const dishwasher = diag.appliances.find((a: any) => a.haId === DISHWASHER.haId);
    assert.ok(dishwasher.history.length > 0 && dishwasher.traffic.length > 0);
    for (const entry of [...dishwasher.history, ...dishwasher.traffic]) {
      assert.match(String(entry.at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, `readable time, got ${entry.at}`);
    }
    await page.click('#hc-diagnostics-close');
    await page.waitForSelector('#hc-diagnostics-panel', { state: 'hidden' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-deployed.png') });
    await page.click('#node-config-dialog-cancel');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
  });

  it('a partial import shows its success normally and each failure once, in red', async function () {
    await importNodes([{ id: 'hcacc4', type: 'homeconnect-local-account', name: 'Partial', region: 'EU', appliances: [] }]);
    await openAccount('hcacc4');
    const zip = writeProfileZip({ ...WASHER, host: hosts[WASHER.haId] });
    await page.setInputFiles('#hc-import-file', [
      { name: zip.fileName, mimeType: 'application/zip', buffer: Buffer.from(zip.data) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await page.waitForSelector(row(WASHER.haId));
    await page.waitForSelector('#hc-account-messages .hc-message-error');
    const lines = await page.$$eval('#hc-account-messages li', (lis) =>
      lis.map((li: any) => ({ kind: li.className as string, text: li.textContent as string, color: getComputedStyle(li).color as string })),
    );
    assert.strictEqual(lines[0].kind, 'hc-message-ok', JSON.stringify(lines));
    assert.match(lines[0].text, /Imported 1 appliance/);
    const red = lines[lines.length - 1].color;
    assert.notStrictEqual(lines[0].color, red, 'the success line is not red');
    const failures = lines.filter((l) => l.kind === 'hc-message-error');
    assert.strictEqual(failures.length, 1, JSON.stringify(lines));
    assert.strictEqual(failures[0].text.split('notes.txt').length - 1, 1, `file named once: ${failures[0].text}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-partial-import.png') });
    await page.click('#node-config-dialog-cancel');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
  });

  for (const width of WIDTHS) {
    it(`the appliance rows fit the default edit tray in a ${width} px wide window`, async function () {
      const context = await browser!.newContext({ viewport: { width, height: 900 } });
      try {
        const p = await context.newPage();
        await p.goto(red!.url + '/');
        await p.waitForFunction(
          () =>
            !!(window.RED && window.RED.nodes && window.RED.nodes.getType('homeconnect-local-account') && window.RED.workspaces.active()),
          undefined,
          { timeout: 60000 },
        );
        const long = 'A very long appliance name that cannot fit the row of the dialog at all';
        await p.evaluate((name) => {
          window.RED.view.importNodes([
            {
              id: 'hclayout',
              type: 'homeconnect-local-account',
              name: 'Layout',
              region: 'EU',
              appliances: [
                {
                  haId: 'SIEMENS-HCS02DWH1-0123456789ABCDEF0123456789',
                  name,
                  host: 'siemens-hcs02dwh1-0123456789abcdef0123456789.fritz.box',
                  connectionType: 'TLS',
                  brand: 'SIEMENS',
                  type: 'Dishwasher with an exceptionally long type text',
                  vib: 'SN678X36UE-EXTRA-LONG-VIB',
                },
                {
                  haId: 'BOSCH-WAW28750-68A40E0A1B2C',
                  name: 'washer',
                  host: '',
                  connectionType: 'AES',
                  brand: 'BOSCH',
                  type: 'Washer',
                  vib: 'WAW28750',
                },
              ],
            },
          ]);
          window.RED.editor.editConfig('', 'homeconnect-local-account', 'hclayout');
        }, long);
        await p.waitForSelector('#node-config-input-appliance-list .hc-appliance-item .hc-appliance-test', { state: 'visible' });
        // The tray slides in (a CSS transition of `right`): measure once it has arrived.
        await p.waitForFunction(() => {
          const trays = [...document.querySelectorAll('.red-ui-tray')];
          return trays.length > 0 && trays.every((t: any) => getComputedStyle(t).right === '0px' && t.getAnimations().length === 0);
        });
        const geometry = await p.evaluate(() => {
          const box = (el: any) => el.getBoundingClientRect();
          const container = document.querySelector('#node-config-input-appliance-list').closest('.red-ui-editableList-container');
          const rows = [...document.querySelectorAll('#node-config-input-appliance-list > li')].map((li: any) => {
            const test = li.querySelector('.hc-appliance-test');
            const remove = li.querySelector('.red-ui-editableList-item-remove');
            const t = box(test);
            const hit = document.elementFromPoint(t.left + t.width / 2, t.top + t.height / 2);
            const line = [li.querySelector('.hc-appliance-name'), li.querySelector('.hc-appliance-host'), test].map((el: any) => box(el));
            const desc = li.querySelector('.hc-appliance-desc');
            const follow = box(li.querySelector('.hc-appliance-follow-label'));
            const connection = box(li.querySelector('.hc-appliance-connection'));
            return {
              followRight: Math.max(follow.right, connection.right),
              followWidth: follow.width,
              testRight: t.right,
              testHeight: t.height,
              testWraps: test.scrollWidth > test.clientWidth + 1,
              removeLeft: remove ? box(remove).left : Infinity,
              liRight: box(li).right,
              testHit: !!hit && (hit === test || test.contains(hit)),
              tops: line.map((b: any) => Math.round(b.top + b.height / 2)),
              descEllipsis: getComputedStyle(desc).textOverflow,
              descClipped: desc.scrollWidth > desc.clientWidth,
              nameRight: line[0].right,
            };
          });
          const buttonRow = box(document.querySelector('#homeconnect-local-account-import'));
          return {
            buttonsInside: [...document.querySelectorAll('#homeconnect-local-account-import button')].every(
              (b: any) => box(b).right <= buttonRow.right + 1 && box(b).width > 0,
            ),
            trayWidth: box(document.querySelector('.red-ui-tray')).width,
            scrollWidth: container.scrollWidth,
            clientWidth: container.clientWidth,
            rows,
          };
        });
        const where = `${width} px window, tray ${Math.round(geometry.trayWidth)} px: ${JSON.stringify(geometry)}`;
        assert.ok(geometry.scrollWidth <= geometry.clientWidth + 1, `no sideways scroll (${where})`);
        assert.ok(geometry.buttonsInside, `Log in … Find appliances … Diagnostics inside the dialog (${where})`);
        for (const r of geometry.rows) {
          assert.ok(r.testRight <= r.removeLeft, `Test connection left of the remove button (${where})`);
          assert.ok(r.testRight <= r.liRight, `Test connection inside the row (${where})`);
          assert.ok(r.testHit, `Test connection not covered (${where})`);
          assert.ok(!r.testWraps && r.testHeight < 40, `Test connection on one line (${where})`);
          assert.ok(Math.max(...r.tops) - Math.min(...r.tops) <= 2, `name, host and button on one line (${where})`);
          assert.ok(r.followRight <= r.removeLeft && r.followWidth > 0, `follow tick and transport left of the remove button (${where})`);
        }
        assert.strictEqual(geometry.rows[0].descEllipsis, 'ellipsis');
        assert.ok(geometry.rows[0].descClipped, `the long description is clipped with an ellipsis (${where})`);
        await p.screenshot({ path: path.join(ARTIFACTS, `account-rows-${width}.png`) });
        // A real click reaches the button (playwright refuses when another element would take it).
        await p.click('#node-config-input-appliance-list .hc-appliance-item[data-haid="BOSCH-WAW28750-68A40E0A1B2C"] .hc-appliance-test');
        await p.waitForSelector('.hc-appliance-item[data-haid="BOSCH-WAW28750-68A40E0A1B2C"] .hc-appliance-result[data-state="failed"]');
        assert.match(
          (await p.textContent('.hc-appliance-item[data-haid="BOSCH-WAW28750-68A40E0A1B2C"] .hc-appliance-result')) ?? '',
          /host/i,
        );
      } finally {
        await context.close();
      }
    });
  }

  it('help code samples stay inside the sidebar', async function () {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p = await context.newPage();
      await p.goto(red!.url + '/');
      await p.waitForFunction(
        () => !!(window.RED && window.RED.nodes && window.RED.nodes.getType('homeconnect-local-out') && window.RED.workspaces.active()),
        undefined,
        { timeout: 60000 },
      );
      // A heading only that node's help has, to know it is shown.
      // (and not the heading of the help shown before it).
      const marks: Array<[string, string]> = [
        ['homeconnect-local-in', 'Outputs'],
        ['homeconnect-local-account', 'Manual entry'],
        ['homeconnect-local-out', 'Command builder'],
      ];
      let before = '';
      for (const [type, mark] of marks) {
        await p.evaluate((t) => window.RED.sidebar.help.show(t), type);
        await p.waitForFunction(
          ([m, b]) => {
            const headings = [...document.querySelectorAll('.red-ui-help h3, .red-ui-help h4')].map((h: any) => h.textContent.trim());
            return headings.includes(m) && (b === '' || !headings.includes(b));
          },
          [mark, before],
          { timeout: 30000 },
        );
        before = mark;
        const { shown, overflow } = await p.evaluate((m) => {
          const help = [...document.querySelectorAll('.red-ui-help')].find((h: any) =>
            [...h.querySelectorAll('h3, h4')].some((x: any) => x.textContent.trim() === m),
          );
          const right = help.getBoundingClientRect().right;
          const codes = [...help.querySelectorAll('code, pre')].filter((el: any) => el.getBoundingClientRect().width > 0);
          return {
            shown: codes.length,
            overflow: codes
              .filter((el: any) => el.getBoundingClientRect().right > right + 1)
              .map((el: any) => (el.textContent as string).slice(0, 60)),
          };
        }, mark);
        assert.ok(shown > 3, `${type}: the help's code samples are shown (${shown})`);
        assert.deepStrictEqual(overflow, [], `${type}: code wider than the sidebar`);
      }
      await p.screenshot({ path: path.join(ARTIFACTS, 'help-out-node.png') });
    } catch (e) {
      await context
        .pages()[0]
        ?.screenshot({ path: path.join(ARTIFACTS, 'failed-help-sidebar.png') })
        .catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });

  it('in node: connection messages on a second output give the node a second port', async function () {
    await importNodes([
      {
        id: 'hcin9',
        type: 'homeconnect-local-in',
        x: 200,
        y: 400,
        account: 'hcacc1',
        appliance: DISHWASHER.haId,
        output: 'changes',
        filter: 'DoorState',
        initial: true,
        wires: [[]],
      },
    ]);
    const node = () =>
      page.evaluate(() => {
        const n = window.RED.nodes.node('hcin9');
        return { connection: n.connection, outputs: n.outputs };
      });
    assert.deepStrictEqual(await node(), { connection: undefined, outputs: 1 }, 'a flow from before the option');
    for (const [choice, outputs] of [
      ['second', 2],
      ['off', 1],
    ] as const) {
      await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('hcin9')));
      await page.waitForSelector('#node-input-connection', { state: 'visible' });
      if (choice === 'second') assert.strictEqual(await page.inputValue('#node-input-connection'), 'auto', 'shown as automatic');
      await page.selectOption('#node-input-connection', choice);
      await page.click('#node-dialog-ok');
      await page.waitForSelector('#node-input-connection', { state: 'detached' });
      assert.deepStrictEqual(await node(), { connection: choice, outputs });
    }
  });

  it('a later editor session renames and removes appliances without the stored keys; the runtime keeps them', async function () {
    // The page reloaded: the editor holds no secret, and the admin API never hands one out.
    await page.reload();
    await page.waitForFunction(
      () => {
        const RED = window.RED;
        return !!(RED && RED.nodes && RED.nodes.node('hcacc1') && RED.workspaces && RED.workspaces.active());
      },
      undefined,
      { timeout: 60000 },
    );
    await openAccount('hcacc1');
    await page.fill(row(DISHWASHER.haId) + ' .hc-appliance-name', 'Dishwasher downstairs');
    await page.uncheck(row(WASHER.haId) + ' .hc-appliance-keep');
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#hc-login-button', { state: 'detached' });
    // The washer's out node goes with it.
    await page.evaluate(() => {
      const RED = window.RED;
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
    assert.deepStrictEqual(
      redeployed.appliances.map((a: any) => [a.haId, a.name]),
      [[DISHWASHER.haId, 'Dishwasher downstairs']],
    );
    // The new account node (new name) connects with the key it kept from the stored credentials.
    await until(
      'the redeployed account to connect with the stored key',
      async () => {
        const res = await fetch(`${red!.url}/homeconnect-local/account/hcacc1/diagnostics`);
        const text = await res.text();
        return res.status === 200 && /"name":"Dishwasher downstairs"[^}]*"state":"connected"/.test(text);
      },
      30000,
    );
    await until('the in node to show connected', async () => (await statusOf('hcin1')) === 'connected', 30000);
  });
});
