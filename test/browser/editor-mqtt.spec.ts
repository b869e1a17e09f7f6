/**
 * The appliance mqtt node's edit dialog in a real browser (Debian's Chromium through
 * playwright-core) against a spawned Node-RED with this package installed. No appliance is
 * needed: the dialog reads the account's appliance list.
 */
import * as assert from 'assert';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH, startNodeRed, type NodeRedInstance } from '../support/browser-node-red';

declare const window: any;

const [DISHWASHER, WASHER] = demoRecords();

describe('appliance mqtt node editor in a real browser', function () {
  this.timeout(120000);
  let red: NodeRedInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    const reason = browserSkipReason();
    if (reason) {
      console.log(`      ${reason}`);
      this.skip();
    }
    red = await startNodeRed();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => console.log('      page error:', e.message));
    await page.goto(red.url + '/');
    await page.waitForFunction(
      () => {
        const RED = window.RED;
        return !!(RED && RED.nodes && RED.nodes.getType('homeconnect-local-mqtt') && RED.workspaces && RED.workspaces.active());
      },
      undefined,
      { timeout: 60000 },
    );
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await red?.stop();
  });

  it('is in the palette, offers all appliances or one, hides the prefix without discovery and saves its properties', async function () {
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="homeconnect-local-mqtt"]');
    const label = await page.textContent('.red-ui-palette-node[data-palette-type="homeconnect-local-mqtt"] .red-ui-palette-label');
    assert.strictEqual(label?.replace(/\s+/g, ' ').trim(), 'appliance mqtt');
    await page.evaluate(
      ({ dw, wm }) => {
        const RED = window.RED;
        const z = RED.workspaces.active();
        RED.view.importNodes([
          { id: 'acc1', type: 'homeconnect-local-account', name: 'home', region: 'EU', appliances: [dw, wm] },
          { id: 'mq1', type: 'homeconnect-local-mqtt', z, x: 300, y: 100, account: 'acc1', wires: [[], []] },
        ]);
      },
      {
        dw: { haId: DISHWASHER.haId, name: DISHWASHER.name, host: '127.0.0.1:1', connectionType: 'TLS' },
        wm: { haId: WASHER.haId, name: WASHER.name, host: '127.0.0.1:1', connectionType: 'AES' },
      },
    );
    await page.evaluate(() => window.RED.editor.edit(window.RED.nodes.node('mq1')));
    await page.waitForSelector('#node-input-appliance option[value="*"]', { state: 'attached' });
    const options = await page.$$eval('#node-input-appliance option', (os) => os.map((o: any) => [o.value, o.textContent]));
    assert.deepStrictEqual(
      options.map((o) => o[0]),
      ['*', DISHWASHER.haId, WASHER.haId],
    );
    assert.strictEqual(options[0][1], 'all appliances of the account');
    assert.strictEqual(await page.inputValue('#node-input-appliance'), '*');
    assert.strictEqual(await page.inputValue('#node-input-baseTopic'), 'homeconnect');
    assert.ok(await page.isVisible('#node-input-discoveryPrefix'));
    await page.click('#node-input-discovery');
    assert.ok(!(await page.isVisible('#node-input-discoveryPrefix')), 'prefix hidden without discovery');
    await page.selectOption('#node-input-appliance', WASHER.haId);
    await page.selectOption('#node-input-booleans', 'hcpy');
    await page.fill('#node-input-baseTopic', 'hc');
    await page.click('#node-dialog-ok');
    const saved = await page.evaluate(() => {
      const n = window.RED.nodes.node('mq1');
      return { appliance: n.appliance, booleans: n.booleans, baseTopic: n.baseTopic, discovery: n.discovery, valid: n.valid };
    });
    assert.deepStrictEqual(saved, { appliance: WASHER.haId, booleans: 'hcpy', baseTopic: 'hc', discovery: false, valid: true });
  });
});
