import * as assert from 'assert';
import { unzipSync } from 'fflate';
import * as fs from 'fs';
import { importProfileZip, writeProfileZip } from '../../src/profile/import';
import type { ApplianceRecord } from '../../src/profile/types';
import {
  assertImportError,
  buildZip,
  minimalDeviceDescription,
  minimalFeatureMapping,
  pngBytes,
  profileZip,
  TEST_IV,
  TEST_KEY,
} from '../support/fixture-zips';
import { rawProfilePairs } from '../support/paths';

const HAID = 'TESTBRAND-TST1000-68A40E000001';

describe('import: profile downloader ZIP', () => {
  it('imports a TLS profile into a normalized record with exactly the applicable fields', () => {
    const [r] = importProfileZip(profileZip(), 'homeconnect-local-dishwasher.zip');
    assert.deepStrictEqual(r, {
      haId: HAID,
      name: 'dishwasher',
      brand: 'TESTBRAND',
      type: 'Dishwasher',
      vib: 'TST1000',
      host: `TESTBRAND-Dishwasher-${HAID}`,
      connectionType: 'TLS',
      key: TEST_KEY,
      mac: '68-A4-0E-00-00-01',
      serialNumber: '012345678901234567',
      deviceDescription: minimalDeviceDescription(),
      featureMapping: minimalFeatureMapping(),
    });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), r, 'plain JSON-serializable');
  });

  it('imports an AES profile (iv present) with the haId as default host', () => {
    const [r] = importProfileZip(profileZip({ json: { connectionType: 'AES', iv: TEST_IV + '==' } }), 'p.zip');
    assert.strictEqual(r.connectionType, 'AES');
    assert.strictEqual(r.iv, TEST_IV);
    assert.strictEqual(r.host, HAID);
  });

  it('infers the transport from the iv when connectionType is missing', () => {
    const [tls] = importProfileZip(profileZip({ json: { connectionType: undefined } }), 'p.zip');
    assert.strictEqual(tls.connectionType, 'TLS');
    const [aes] = importProfileZip(profileZip({ json: { connectionType: undefined, iv: TEST_IV } }), 'p.zip');
    assert.strictEqual(aes.connectionType, 'AES');
  });

  it('falls back to *_DeviceDescription.xml / *_FeatureMapping.xml when the file-name fields are missing or wrong', () => {
    const data = buildZip({
      'profile/appliance.json': JSON.stringify({
        haId: 'X1',
        type: 'Dishwasher',
        brand: 'B',
        vib: 'V',
        key: TEST_KEY,
        deviceDescriptionFileName: 'gone.xml',
      }),
      'profile/other_DeviceDescription.xml': minimalDeviceDescription(),
      'profile/other_FeatureMapping.xml': minimalFeatureMapping(),
    });
    const [r] = importProfileZip(data, 'p.zip');
    assert.strictEqual(r.haId, 'X1');
    assert.strictEqual(r.deviceDescription, minimalDeviceDescription());
  });

  it('follows file-name fields by base name when entries are in a folder', () => {
    const data = buildZip({
      'a/A.json': JSON.stringify({
        haId: 'A',
        type: 'Washer',
        brand: 'B',
        vib: 'V',
        key: TEST_KEY,
        deviceDescriptionFileName: 'dd.xml',
        featureMappingFileName: 'fm.xml',
      }),
      'a/dd.xml': minimalDeviceDescription(),
      'a/fm.xml': minimalFeatureMapping(),
    });
    const [r] = importProfileZip(data, 'p.zip');
    assert.strictEqual(r.name, 'washer');
    assert.strictEqual(r.featureMapping, minimalFeatureMapping());
  });

  it('imports several appliances from one ZIP, matching XML files by haId', () => {
    const json = (haId: string, type: string) => JSON.stringify({ haId, type, brand: 'B', vib: 'V', key: TEST_KEY, name: `my ${type}` });
    const fmOther = minimalFeatureMapping().replace('TST1000', 'OTHER');
    const data = buildZip({
      'A.json': json('A', 'Dishwasher'),
      'B.json': json('B', 'Oven'),
      'A_DeviceDescription.xml': minimalDeviceDescription(),
      'A_FeatureMapping.xml': minimalFeatureMapping(),
      'B_DeviceDescription.xml': minimalDeviceDescription(),
      'B_FeatureMapping.xml': fmOther,
    });
    const records = importProfileZip(data, 'two.zip');
    assert.deepStrictEqual(
      records.map((r) => [r.haId, r.name]),
      [
        ['A', 'my Dishwasher'],
        ['B', 'my Oven'],
      ],
    );
    assert.strictEqual(records[1].featureMapping, fmOther);
  });

  describe('errors name the file and the problem', () => {
    it('ZIP without appliance JSON (cloud ZIP)', () => {
      const data = buildZip({ 'X_DeviceDescription.xml': minimalDeviceDescription(), 'X_FeatureMapping.xml': minimalFeatureMapping() });
      assertImportError(
        () => importProfileZip(data, 'cloud.zip'),
        /cloud\.zip holds the profile XML files but no appliance JSON with a key/,
      );
    });
    it('ZIP of something else', () => {
      assertImportError(
        () => importProfileZip(buildZip({ 'readme.txt': 'hi', 'x.json': '{"a":1}' }), 'other.zip'),
        /other\.zip is not a Home Connect profile ZIP/,
      );
    });
    it('not a ZIP at all (PNG)', () => {
      assertImportError(() => importProfileZip(pngBytes(), 'photo.png'), /photo\.png is not a readable ZIP file/);
    });
    it('broken JSON inside', () => {
      assertImportError(
        () => importProfileZip(buildZip({ 'x.json': `{"key":"${TEST_KEY}",` }), 'p.zip'),
        /p\.zip › x\.json is not valid JSON/,
      );
    });
    it('missing DeviceDescription / FeatureMapping', () => {
      assertImportError(
        () => importProfileZip(profileZip({ omit: [`${HAID}_DeviceDescription.xml`] }), 'p.zip'),
        new RegExp(`p\\.zip › ${HAID}\\.json: the DeviceDescription file \\(${HAID}_DeviceDescription\\.xml\\) is not in p\\.zip`),
      );
      assertImportError(
        () => importProfileZip(profileZip({ omit: [`${HAID}_FeatureMapping.xml`] }), 'p.zip'),
        /the FeatureMapping file .* is not in p\.zip/,
      );
    });
    it('XML files of the wrong kind', () => {
      assertImportError(
        () =>
          importProfileZip(profileZip({ deviceDescription: minimalFeatureMapping(), featureMapping: minimalDeviceDescription() }), 'p.zip'),
        /_DeviceDescription\.xml is a FeatureMapping, not a DeviceDescription \(the two files look swapped\)/,
      );
      assertImportError(
        () => importProfileZip(profileZip({ deviceDescription: pngBytes() }), 'p.zip'),
        /_DeviceDescription\.xml is not an XML file/,
      );
      assertImportError(
        () => importProfileZip(profileZip({ featureMapping: '<?xml version="1.0"?><html><body/></html>' }), 'p.zip'),
        /_FeatureMapping\.xml is an XML file with root <html>, not a FeatureMapping/,
      );
      assertImportError(() => importProfileZip(profileZip({ featureMapping: '' }), 'p.zip'), /FeatureMapping XML is missing or empty/);
    });
    it('bad key / iv', () => {
      assertImportError(
        () => importProfileZip(profileZip({ json: { key: Buffer.alloc(16).toString('base64url') } }), 'p.zip'),
        /p\.zip › .*\.json: the key must decode to 32 bytes/,
      );
      assertImportError(() => importProfileZip(profileZip({ json: { key: undefined } }), 'p.zip'), /the key is missing/);
      assertImportError(
        () => importProfileZip(profileZip({ json: { connectionType: 'AES', iv: TEST_KEY } }), 'p.zip'),
        /the iv must decode to 16 bytes but decodes to 32/,
      );
    });
    it('connectionType inconsistent with the iv', () => {
      assertImportError(
        () => importProfileZip(profileZip({ json: { iv: TEST_IV } }), 'p.zip'),
        /connectionType is TLS but an iv is present/,
      );
      assertImportError(
        () => importProfileZip(profileZip({ json: { connectionType: 'AES' } }), 'p.zip'),
        /connectionType is AES but the iv is missing/,
      );
      assertImportError(
        () => importProfileZip(profileZip({ json: { connectionType: 'QUIC' } }), 'p.zip'),
        /connectionType must be "TLS" or "AES"/,
      );
    });
    it('haId missing or not text', () => {
      assertImportError(() => importProfileZip(profileZip({ json: { haId: 42 } }), 'p.zip'), /haId must be text/);
      assertImportError(() => importProfileZip(profileZip({ json: { haId: undefined } }), 'p.zip'), /p\.zip › .*\.json: haId is missing/);
    });
  });

  describe('writeProfileZip', () => {
    const record: ApplianceRecord = {
      haId: 'SIEMENS-WM16XE91-000000000000',
      name: 'laundry',
      brand: 'SIEMENS',
      type: 'WasherDryer',
      vib: 'WM16XE91',
      host: '192.168.1.20',
      connectionType: 'AES',
      key: TEST_KEY,
      iv: TEST_IV,
      mac: '68-A4-0E-12-34-56',
      deviceDescription: minimalDeviceDescription(),
      featureMapping: minimalFeatureMapping(),
    };
    const created = new Date('2025-01-07T11:34:30.833Z');

    it('names the file like the downloader and round-trips through importProfileZip', () => {
      const out = writeProfileZip(record, created);
      assert.strictEqual(out.fileName, 'homeconnect-local-washer-dryer-SIEMENS-WM16XE91-68A40E123456_2025-01-07_11-34-30.zip');
      assert.deepStrictEqual(importProfileZip(out.data, out.fileName), [record]);
    });

    it('uses the haId in the file name without a mac, and writes the downloader JSON fields', () => {
      const { mac: _mac, ...noMac } = record;
      const out = writeProfileZip({ ...noMac, connectionType: 'TLS', iv: undefined }, created);
      assert.match(
        out.fileName,
        /^homeconnect-local-washer-dryer-SIEMENS-WM16XE91-SIEMENS-WM16XE91-000000000000_2025-01-07_11-34-30\.zip$/,
      );
      const files = unzipSync(out.data);
      const json = JSON.parse(Buffer.from(files['SIEMENS-WM16XE91-000000000000.json']).toString('utf8'));
      assert.deepStrictEqual(Object.keys(files).sort(), [
        'SIEMENS-WM16XE91-000000000000.json',
        'SIEMENS-WM16XE91-000000000000_DeviceDescription.xml',
        'SIEMENS-WM16XE91-000000000000_FeatureMapping.xml',
      ]);
      assert.strictEqual(json.deviceDescriptionFileName, 'SIEMENS-WM16XE91-000000000000_DeviceDescription.xml');
      assert.strictEqual(json.featureMappingFileName, 'SIEMENS-WM16XE91-000000000000_FeatureMapping.xml');
      assert.strictEqual(json.connectionType, 'TLS');
      assert.strictEqual(json.key, TEST_KEY);
      assert.ok(!('iv' in json));
      assert.strictEqual(json.created, '2025-01-07T11:34:30.833Z');
    });

    it('refuses records without XML (hcpy imports)', () => {
      const { deviceDescription: _d, featureMapping: _f, ...rest } = record;
      assertImportError(() => writeProfileZip({ ...rest, features: {} }), /has no profile XML files/);
    });
  });

  describe('real profile pairs', () => {
    for (const pair of rawProfilePairs()) {
      it(`imports a profile ZIP built from ${pair.name}`, () => {
        const dd = fs.readFileSync(pair.description, 'utf8');
        const fm = fs.readFileSync(pair.featureMapping, 'utf8');
        const haId = pair.name;
        const data = buildZip({
          [`${haId}.json`]: JSON.stringify({
            haId,
            type: 'Ignored',
            brand: 'X',
            vib: 'Y',
            connectionType: 'TLS',
            key: TEST_KEY,
            deviceDescriptionFileName: `${haId}_DeviceDescription.xml`,
            featureMappingFileName: `${haId}_FeatureMapping.xml`,
          }),
          [`${haId}_DeviceDescription.xml`]: dd,
          [`${haId}_FeatureMapping.xml`]: fm,
        });
        const [r] = importProfileZip(data, `${haId}.zip`);
        assert.strictEqual(r.haId, haId);
        assert.strictEqual(r.deviceDescription, dd.replace(/^\uFEFF/, ''));
        assert.strictEqual(r.featureMapping, fm.replace(/^\uFEFF/, ''));
        assert.strictEqual(r.connectionType, 'TLS');
      });
    }
  });
});
