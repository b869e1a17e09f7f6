import * as assert from 'assert';
import { haIdFromHost, importHcpyDevices } from '../../src/profile/import';
import { assertImportError, importFixtureText, TEST_IV, TEST_KEY, TEST_KEY_2 } from '../support/fixture-zips';

describe('import: hcpy devices.json', () => {
  it('imports TLS and AES appliances, keeping features and inferring transport from the iv', () => {
    const [dw, oven] = importHcpyDevices(importFixtureText('hcpy-devices.json'), 'devices.json');
    assert.deepStrictEqual(Object.keys(dw), ['haId', 'name', 'brand', 'type', 'vib', 'host', 'connectionType', 'key', 'features']);
    assert.strictEqual(dw.haId, '012345678901234567');
    assert.strictEqual(dw.connectionType, 'TLS');
    assert.strictEqual(dw.host, 'TESTBRAND-Dishwasher-012345678901234567');
    assert.strictEqual(dw.vib, 'TST1000');
    assert.strictEqual(dw.key, TEST_KEY);
    assert.deepStrictEqual(dw.features?.['527'].values, { '0': 'Open', '1': 'Closed' });
    assert.strictEqual(dw.features?.['8196'].name, 'Dishcare.Dishwasher.Program.Eco50');

    assert.strictEqual(oven.connectionType, 'AES');
    assert.strictEqual(oven.iv, TEST_IV);
    assert.strictEqual(oven.key, TEST_KEY_2, 'padding removed');
    assert.strictEqual(oven.host, '192.168.1.40');
    assert.strictEqual(oven.haId, 'oven', 'no haId recoverable from an IP: falls back to the name');
  });

  it('takes a bare AES host as the haId', () => {
    const [w] = importHcpyDevices(importFixtureText('hcpy-aes-host-is-haid.json'), 'config.json');
    assert.strictEqual(w.haId, '998877665544332211');
    assert.strictEqual(w.connectionType, 'AES');
  });

  it('recovers haIds from default host names', () => {
    assert.strictEqual(haIdFromHost('NEFF-Dishwasher-013110426187000262', 'NEFF', 'Dishwasher'), '013110426187000262');
    assert.strictEqual(
      haIdFromHost('SIEMENS-Dishwasher-SIEMENS-SN658X06TE-000000000000', 'SIEMENS', 'Dishwasher'),
      'SIEMENS-SN658X06TE-000000000000',
    );
    assert.strictEqual(haIdFromHost('BOSCH-Oven-0123456789AB'), '0123456789AB');
    assert.strictEqual(haIdFromHost('013110426187000262'), '013110426187000262');
    assert.strictEqual(haIdFromHost('192.168.1.4'), undefined);
    assert.strictEqual(haIdFromHost('oven.fritz.box'), undefined);
    assert.strictEqual(haIdFromHost('oven'), undefined);
  });

  it('prefers an explicit haId/id field', () => {
    const [r] = importHcpyDevices(JSON.stringify([{ name: 'x', id: 'ID-1', host: 'a-b-c', key: TEST_KEY, features: {} }]), 'd.json');
    assert.strictEqual(r.haId, 'ID-1');
  });

  it('reports what is wrong, naming the file and appliance', () => {
    assertImportError(() => importHcpyDevices('{"devices": 1}', 'd.json'), /d\.json is not an hcpy devices file/);
    assertImportError(() => importHcpyDevices('[]', 'd.json'), /d\.json lists no appliances/);
    assertImportError(
      () => importHcpyDevices(`[{"name":"dishwasher","host":"h-h-1","key":"${TEST_KEY}",`, 'd.json'),
      /d\.json is not valid JSON/,
    );
    assertImportError(() => importHcpyDevices('[1]', 'd.json'), /d\.json \(appliance 1\) is not an object/);
    assertImportError(
      () =>
        importHcpyDevices(
          JSON.stringify([
            { name: 'dw', host: 'B-D-1', key: TEST_KEY, features: {} },
            { name: 'oven', host: 'B-O-2', key: 'c2hvcnQ', features: {} },
          ]),
          'd.json',
        ),
      /^d\.json \(appliance 2, oven\): the key must decode to 32 bytes but decodes to 5\.$/,
    );
    assertImportError(
      () => importHcpyDevices(JSON.stringify([{ name: 'dw', host: 'B-D-1', key: TEST_KEY, iv: 'AAAA', features: {} }]), 'd.json'),
      /appliance 1, dw\): the iv must decode to 16 bytes/,
    );
    assertImportError(
      () => importHcpyDevices(JSON.stringify([{ name: 'dw', host: 'B-D-1', key: TEST_KEY }]), 'd.json'),
      /neither the two profile XML files nor an hcpy features map/,
    );
    assertImportError(
      () => importHcpyDevices(JSON.stringify([{ name: 'dw', host: 'B-D-1', key: TEST_KEY, features: { abc: {} } }]), 'd.json'),
      /features entry "abc" is not a decimal uid/,
    );
  });
});
