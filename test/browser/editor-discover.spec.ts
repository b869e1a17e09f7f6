/**
 * "Find appliances" in the account dialog, in a real browser against a spawned Node-RED 4 whose
 * mDNS lookups stay on the loopback interface, on a port of this run's own
 * (settings.homeconnectLocalDiscovery); the simulators advertise there.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeProfileZip } from '../../src/profile/import';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH, repoRoot, startNodeRed, type NodeRedInstance } from '../support/browser-node-red';

declare const window: any;
declare const document: any;

const [DISHWASHER, WASHER] = demoRecords();
const ARTIFACTS = path.join(repoRoot(), 'test-artifacts', 'browser');
const MDNS = { interface: '127.0.0.1', port: 20_000 + Math.floor(Math.random() * 20_000) };
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
function found(haId: string): string {
  return `#hc-discover-list .hc-discover-item[data-haid="${haId}"]`;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('editor: Find appliances (mDNS on loopback)', function () {
  this.timeout(120000);
  let red: NodeRedInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const sims: ApplianceSimulator[] = [];

  before(async function () {
    const reason = browserSkipReason();
    if (reason) {
      console.log(`      ${reason}`);
      this.skip();
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    red = await startNodeRed({
      settings: { homeconnectLocalAccountTiming: TIMING, homeconnectLocalDiscovery: { ...MDNS, timeoutMs: 1500 } },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
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
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await red?.stop();
    for (const sim of sims) await sim.stop();
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

  it('finds the advertised appliances, fills in the host with one click, saves the follow choices and the in node connects there', async function () {
    await page.evaluate(
      ({ haId }) => {
        const RED = window.RED;
        const z = RED.workspaces.active();
        RED.view.importNodes([
          { id: 'hcdacc', type: 'homeconnect-local-account', name: 'Found', region: 'EU', appliances: [] },
          {
            id: 'hcdin',
            type: 'homeconnect-local-in',
            z,
            x: 200,
            y: 100,
            account: 'hcdacc',
            appliance: haId,
            output: 'changes',
            filter: '',
            initial: true,
            wires: [],
          },
        ]);
        RED.editor.editConfig('', 'homeconnect-local-account', 'hcdacc');
      },
      { haId: DISHWASHER.haId },
    );
    await page.waitForSelector('#hc-discover-button', { state: 'visible' });
    assert.strictEqual(await page.isChecked('#node-config-input-follow'), true, 'Follow address changes is on by default');

    // Nothing advertises yet: the panel shows the endpoint's hint.
    await page.click('#hc-discover-button');
    await page.waitForSelector('#hc-discover-list .hc-discover-hint', { timeout: 15000 });
    assert.match((await page.textContent('#hc-discover-list')) ?? '', /no mDNS answers on 127\.0\.0\.1.*container/);

    for (const record of [DISHWASHER, WASHER]) {
      const sim = new ApplianceSimulator({ record, host: '127.0.0.1', port: 0, advertise: MDNS });
      sims.push(sim);
      await sim.start();
    }
    const [dw, wm] = sims;

    // The dishwasher comes in by import with its default network name: the follow tick mirrors the runtime's default.
    const zip = writeProfileZip({ ...DISHWASHER, name: 'Kitchen', host: '' });
    await page.setInputFiles('#hc-import-file', { name: zip.fileName, mimeType: 'application/zip', buffer: Buffer.from(zip.data) });
    await page.waitForSelector(row(DISHWASHER.haId));
    const defaultName = `${DISHWASHER.brand}-${DISHWASHER.type}-${DISHWASHER.haId}`;
    assert.strictEqual(await page.inputValue(row(DISHWASHER.haId) + ' .hc-appliance-host'), defaultName);
    assert.strictEqual(await page.isChecked(row(DISHWASHER.haId) + ' .hc-appliance-follow'), true, 'the default network name: followed');
    await page.fill(row(DISHWASHER.haId) + ' .hc-appliance-host', '192.0.2.7');
    assert.strictEqual(await page.isChecked(row(DISHWASHER.haId) + ' .hc-appliance-follow'), false, 'a typed host is pinned');

    await page.click('#hc-discover-button');
    await page.waitForSelector(found(DISHWASHER.haId), { timeout: 15000 });
    await page.waitForSelector(found(WASHER.haId));
    const match = (await page.textContent(found(DISHWASHER.haId))) ?? '';
    assert.match(match, new RegExp(`^Kitchen: found at 127\\.0\\.0\\.1:${dw.port} \\(TLS\\)`), match);
    assert.strictEqual(await page.getAttribute(found(DISHWASHER.haId), 'data-state'), 'match');
    const unknown = (await page.textContent(found(WASHER.haId))) ?? '';
    assert.strictEqual(await page.getAttribute(found(WASHER.haId), 'data-state'), 'unknown');
    assert.ok(unknown.includes(`127.0.0.1:${wm.port}: found, no key yet — log in or import to add`), unknown);
    assert.strictEqual(await page.$(found(WASHER.haId) + ' .hc-discover-use'), null, 'no fill-in button without a row');
    await page.screenshot({ path: path.join(ARTIFACTS, 'account-discover.png') });

    await page.click(found(DISHWASHER.haId) + ' .hc-discover-use');
    assert.strictEqual(await page.inputValue(row(DISHWASHER.haId) + ' .hc-appliance-host'), `127.0.0.1:${dw.port}`);
    assert.match(
      (await page.textContent(row(DISHWASHER.haId) + ' .hc-appliance-result')) ?? '',
      new RegExp(`from the network: 127\\.0\\.0\\.1:${dw.port}$`),
    );
    assert.strictEqual(await page.isChecked(row(DISHWASHER.haId) + ' .hc-appliance-follow'), true, 'a host from the network is followed');

    // The panel closes like the others.
    await page.click('#hc-discover-close');
    await page.waitForSelector('#hc-discover-panel', { state: 'hidden' });

    // The account option, switched off and saved.
    await page.uncheck('#node-config-input-follow');
    await page.click('#node-config-dialog-ok');
    await page.waitForSelector('#hc-discover-button', { state: 'detached' });
    const saved = await page.evaluate(() => {
      const n = window.RED.nodes.node('hcdacc');
      return { follow: n.follow, appliances: n.appliances };
    });
    assert.strictEqual(saved.follow, false);
    assert.deepStrictEqual(
      saved.appliances.map((a: any) => [a.haId, a.host, a.follow]),
      [[DISHWASHER.haId, `127.0.0.1:${dw.port}`, true]],
    );

    await page.click('#red-ui-header-button-deploy');
    await page.waitForSelector('#red-ui-header-button-deploy.disabled');
    await until(
      'the in node to show connected',
      async () =>
        (await page.evaluate(() => document.querySelector('[id="hcdin"] .red-ui-flow-node-status-label')?.textContent ?? '')) ===
        'connected',
      30000,
    );
    const flows = (await red!.getFlows()) as any[];
    const account = flows.find((n) => n.id === 'hcdacc');
    assert.strictEqual(account.follow, false);
    assert.strictEqual(account.appliances[0].follow, true);

    // Reopened, the dialog shows what was saved.
    await page.evaluate(() => window.RED.editor.editConfig('', 'homeconnect-local-account', 'hcdacc'));
    await page.waitForSelector('#hc-discover-button', { state: 'visible' });
    assert.strictEqual(await page.isChecked('#node-config-input-follow'), false);
    assert.strictEqual(await page.isChecked(row(DISHWASHER.haId) + ' .hc-appliance-follow'), true);
    await page.click('#node-config-dialog-cancel');
    await page.waitForSelector('#hc-discover-button', { state: 'detached' });
  });
});
