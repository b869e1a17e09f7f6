import * as assert from 'assert';
import { importIddfZip } from '../../src/profile/import';
import {
  assertImportError,
  buildZip,
  iddfZip,
  minimalDeviceDescription,
  minimalFeatureMapping,
  pngBytes,
  TEST_IV,
  TEST_KEY,
} from '../support/fixture-zips';

describe('import: cloud (IDDF) ZIP', () => {
  it('takes haId from the file names and brand/type/vib from <description>', () => {
    const r = importIddfZip(iddfZip('012345678901234567'), '012345678901234567.zip', { key: TEST_KEY });
    assert.deepStrictEqual(r, {
      haId: '012345678901234567',
      name: 'dishwasher',
      brand: 'TESTBRAND',
      type: 'Dishwasher',
      vib: 'TST1000',
      host: 'TESTBRAND-Dishwasher-012345678901234567',
      connectionType: 'TLS',
      key: TEST_KEY,
      deviceDescription: minimalDeviceDescription(),
      featureMapping: minimalFeatureMapping(),
    });
  });

  it('uses AES when an iv is given, and meta fields override the XML', () => {
    const r = importIddfZip(iddfZip('H1'), 'H1.zip', {
      key: TEST_KEY,
      iv: TEST_IV,
      name: 'Spüli',
      host: '10.0.0.9',
      brand: 'NEFF',
      vib: 'S1',
    });
    assert.strictEqual(r.connectionType, 'AES');
    assert.strictEqual(r.iv, TEST_IV);
    assert.deepStrictEqual([r.name, r.host, r.brand, r.type, r.vib], ['Spüli', '10.0.0.9', 'NEFF', 'Dishwasher', 'S1']);
  });

  it('picks one appliance by haId from a ZIP holding several', () => {
    const data = buildZip({
      'A_DeviceDescription.xml': minimalDeviceDescription(),
      'A_FeatureMapping.xml': minimalFeatureMapping(),
      'B_DeviceDescription.xml': minimalDeviceDescription().replace('TST1000', 'TST9'),
      'B_FeatureMapping.xml': minimalFeatureMapping(),
    });
    assert.strictEqual(importIddfZip(data, 'both.zip', { key: TEST_KEY, haId: 'B' }).vib, 'TST9');
    assertImportError(
      () => importIddfZip(data, 'both.zip', { key: TEST_KEY }),
      /both\.zip holds profiles for several appliances \(A, B\); say which haId/,
    );
  });

  it('accepts a given haId when the single pair is named differently', () => {
    const r = importIddfZip(iddfZip('renamed'), 'x.zip', { key: TEST_KEY, haId: 'REAL-HAID' });
    assert.strictEqual(r.haId, 'REAL-HAID');
  });

  it('reports missing files, wrong kinds and bad keys with the file name', () => {
    assertImportError(
      () => importIddfZip(buildZip({ 'a.txt': 'x' }), 'x.zip', { key: TEST_KEY }),
      /x\.zip is not a Home Connect cloud profile ZIP: it holds no \*_DeviceDescription\.xml/,
    );
    assertImportError(
      () => importIddfZip(buildZip({ 'H_DeviceDescription.xml': minimalDeviceDescription() }), 'x.zip', { key: TEST_KEY }),
      /holds no H_FeatureMapping\.xml/,
    );
    assertImportError(
      () => importIddfZip(iddfZip('H', minimalDeviceDescription(), '{"not":"xml"}'), 'x.zip', { key: TEST_KEY }),
      /x\.zip › H_FeatureMapping\.xml is not an XML file/,
    );
    assertImportError(() => importIddfZip(iddfZip('H'), 'x.zip', { key: '' }), /x\.zip \(H\): the key is empty/);
    assertImportError(() => importIddfZip(iddfZip('H'), 'x.zip', { key: TEST_KEY, iv: TEST_KEY }), /the iv must decode to 16 bytes/);
    assertImportError(() => importIddfZip(pngBytes(), 'x.png', { key: TEST_KEY }), /x\.png is not a readable ZIP file/);
  });
});
