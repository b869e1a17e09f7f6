import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importBuffer, importPath, writeProfileZip } from '../../src/profile/import';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import {
  assertImportError,
  assertImportRejects,
  buildZip,
  iddfZip,
  importFixturePath,
  importFixtureText,
  minimalDeviceDescription,
  pngBytes,
  profileZip,
  TEST_IV,
  TEST_KEY,
} from '../support/fixture-zips';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('import: sniffing importBuffer / importPath', () => {
  it('recognizes a profile ZIP', () => {
    const [r] = importBuffer(profileZip(), 'p.zip');
    assert.strictEqual(r.haId, 'TESTBRAND-TST1000-68A40E000001');
  });

  it('treats a ZIP with only XML as cloud ZIP, which needs meta.key', () => {
    assertImportError(() => importBuffer(iddfZip('H'), 'H.zip'), /H\.zip is a cloud profile ZIP without keys; give the appliance's key/);
    const [r] = importBuffer(iddfZip('H'), 'H.zip', { key: TEST_KEY, iv: TEST_IV });
    assert.deepStrictEqual([r.haId, r.connectionType], ['H', 'AES']);
  });

  it('recognizes hcpy arrays and record files', () => {
    assert.strictEqual(importBuffer(text(importFixtureText('hcpy-devices.json')), 'devices.json').length, 2);
    assert.strictEqual(importBuffer(text('\uFEFF' + importFixtureText('records.json')), 'records.json').length, 2);
    const recs = importBuffer(text(JSON.stringify([demoDishwasher, demoWasher])), 'mine.json');
    assert.deepStrictEqual(recs, [demoDishwasher, demoWasher]);
  });

  it('rejects files of the wrong kind with a sentence naming the file', () => {
    assertImportError(() => importBuffer(pngBytes(), 'photo.png'), /photo\.png is neither a profile ZIP nor a JSON file/);
    assertImportError(
      () => importBuffer(text(minimalDeviceDescription()), 'x_DeviceDescription.xml'),
      /x_DeviceDescription\.xml is a single XML file \(<device>\); import the ZIP/,
    );
    assertImportError(
      () => importBuffer(buildZip({ 'cat.jpg': pngBytes() }), 'cats.zip'),
      /cats\.zip is a ZIP file but holds no Home Connect profile/,
    );
    assertImportError(
      () => importBuffer(text(importFixtureText('not-a-profile.json')), 'package.json'),
      /package\.json is not an appliance records file/,
    );
    assertImportError(() => importBuffer(new Uint8Array(0), 'empty.json'), /empty\.json is neither a profile ZIP nor a JSON file/);
  });

  describe('importPath', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-import-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports a single file', async () => {
      const recs = await importPath(importFixturePath('hcpy-devices.json'));
      assert.deepStrictEqual(
        recs.map((r) => r.name),
        ['dishwasher', 'oven'],
      );
    });

    it('imports every .zip/.json of a folder, later files winning for the same haId', async () => {
      const old = writeProfileZip({ ...demoDishwasher, name: 'old name' }, new Date('2024-01-01T00:00:00Z'));
      const cur = writeProfileZip(demoDishwasher, new Date('2025-01-01T00:00:00Z'));
      const washer = writeProfileZip(demoWasher, new Date('2025-01-01T00:00:00Z'));
      for (const f of [old, cur, washer]) fs.writeFileSync(path.join(dir, f.fileName), f.data);
      fs.writeFileSync(path.join(dir, 'devices.json'), importFixtureText('hcpy-devices.json'));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
      const recs = await importPath(dir);
      const byId = new Map(recs.map((r) => [r.haId, r]));
      assert.strictEqual(recs.length, 4);
      assert.deepStrictEqual(byId.get(demoDishwasher.haId), demoDishwasher);
      assert.deepStrictEqual(byId.get(demoWasher.haId), demoWasher);
      assert.ok(byId.has('012345678901234567') && byId.has('oven'));
    });

    it('without onSkip, reports every failing file of a folder', async () => {
      fs.writeFileSync(path.join(dir, 'a.json'), importFixtureText('records.json'));
      fs.writeFileSync(path.join(dir, 'b.zip'), pngBytes());
      fs.writeFileSync(path.join(dir, 'c.json'), '{');
      await assertImportRejects(
        importPath(dir),
        /Some files in .* could not be imported: b\.zip is not a readable ZIP file .* c\.json is not valid JSON/,
      );
    });

    it('with onSkip, skips files that are not profiles (each reported once) and imports the rest', async () => {
      const zip = writeProfileZip(demoDishwasher);
      fs.writeFileSync(path.join(dir, zip.fileName), zip.data);
      fs.writeFileSync(path.join(dir, 'package.json'), importFixtureText('not-a-profile.json'));
      fs.writeFileSync(path.join(dir, 'b.zip'), pngBytes());
      const skipped: Array<[string, string]> = [];
      const recs = await importPath(dir, { onSkip: (file, message) => skipped.push([file, message]) });
      assert.deepStrictEqual(
        recs.map((r) => r.haId),
        [demoDishwasher.haId],
      );
      assert.deepStrictEqual(
        skipped.map(([file]) => file),
        ['b.zip', 'package.json'],
      );
      assert.match(skipped[1][1], /package\.json is not an appliance records file/);
    });

    it('with onSkip, still fails when nothing in the folder is usable', async () => {
      fs.writeFileSync(path.join(dir, 'package.json'), importFixtureText('not-a-profile.json'));
      fs.writeFileSync(path.join(dir, 'c.json'), '{');
      const skipped: string[] = [];
      await assertImportRejects(
        importPath(dir, { onSkip: (file) => skipped.push(file) }),
        /No file in .* could be imported: c\.json is not valid JSON.* package\.json is not an appliance records file/,
      );
      assert.deepStrictEqual(skipped, []);
    });

    it('rejects an empty folder and a missing path', async () => {
      await assertImportRejects(importPath(dir), /holds no \.zip or \.json files/);
      await assertImportRejects(importPath(path.join(dir, 'missing.zip')), /Cannot read .*missing\.zip \(ENOENT\)/);
    });
  });
});
