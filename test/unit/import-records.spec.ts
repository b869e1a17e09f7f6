import * as assert from 'assert';
import { importRecordsJson, normalizeRecord } from '../../src/profile/import';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { assertImportError, importFixtureText, TEST_IV, TEST_KEY } from '../support/fixture-zips';

describe('import: records JSON', () => {
  it('imports an array of records, filling defaults', () => {
    const [a, b] = importRecordsJson(importFixtureText('records.json'), 'records.json');
    assert.strictEqual(a.name, 'kitchen dishwasher');
    assert.strictEqual(a.host, '10.0.0.5');
    assert.strictEqual(b.name, 'washer');
    assert.strictEqual(b.host, 'TESTBRAND-TST3000-000000000002');
    assert.strictEqual(b.iv, TEST_IV);
  });

  it('imports an object keyed by haId and a single record object', () => {
    const [r] = importRecordsJson(importFixtureText('records-by-haid.json'), 'by-haid.json');
    assert.strictEqual(r.haId, 'TESTBRAND-TST1000-000000000001');
    assert.strictEqual(r.connectionType, 'TLS');
    const [single] = importRecordsJson(JSON.stringify({ haId: 'H', type: 'Hood', key: TEST_KEY, features: {} }), 'one.json');
    assert.strictEqual(single.name, 'hood');
  });

  it('round-trips records it wrote (JSON.stringify of demo records)', () => {
    const recs = demoRecords();
    assert.deepStrictEqual(importRecordsJson(JSON.stringify(recs), 'r.json'), recs);
  });

  it('drops unknown fields and empty optional ones', () => {
    const r = normalizeRecord({ haId: 'H', key: TEST_KEY, features: {}, iv: '', mac: ' ', ...({ extra: 1 } as object) }, 'x');
    assert.deepStrictEqual(Object.keys(r), ['haId', 'name', 'brand', 'type', 'vib', 'host', 'connectionType', 'key', 'features']);
  });

  it('re-validates and reports the record', () => {
    assertImportError(
      () => importRecordsJson(importFixtureText('not-a-profile.json'), 'package.json'),
      /package\.json is not an appliance records file/,
    );
    assertImportError(() => importRecordsJson('"x"', 'r.json'), /r\.json is not an appliance records file/);
    assertImportError(() => importRecordsJson('[]', 'r.json'), /r\.json holds no appliance records/);
    assertImportError(() => importRecordsJson('[null]', 'r.json'), /r\.json \(record 1\) is not an object/);
    assertImportError(
      () => importRecordsJson(JSON.stringify([{ haId: 'H', key: TEST_KEY, deviceDescription: '<device/>' }]), 'r.json'),
      /r\.json \(record 1\) \(FeatureMapping\): the FeatureMapping XML is missing or empty/,
    );
    assertImportError(
      () =>
        importRecordsJson(
          JSON.stringify([
            { haId: 'H', key: TEST_KEY, deviceDescription: '<featureMappingFile/>', featureMapping: '<featureMappingFile/>' },
          ]),
          'r.json',
        ),
      /is a FeatureMapping, not a DeviceDescription/,
    );
    assertImportError(
      () => importRecordsJson(JSON.stringify({ H: { key: TEST_KEY, connectionType: 'AES', features: {} } }), 'r.json'),
      /r\.json \(H\): connectionType is AES but the iv is missing/,
    );
  });
});
