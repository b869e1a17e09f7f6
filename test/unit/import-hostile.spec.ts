/**
 * Hostile files: every one is refused with one sentence naming the file and the problem
 * (before the fix several of these ran for minutes or used hundreds of MB; figures are in
 * the issue note, not asserted here).
 */
import * as assert from 'assert';
import { importBuffer, importIddfZip } from '../../src/profile/import';
import { readDescriptionInfo } from '../../src/profile/import/description-info';
import { MAX_ENTRIES, unzipEntries } from '../../src/profile/zip';
import { parseXml } from '../../src/profile/xml-parser';
import { assertImportError, buildZip, TEST_KEY } from '../support/fixture-zips';
import {
  deepFeaturesJson,
  deepJson,
  descriptionFloodIddf,
  duplicateOffsetZip,
  hugeXmlZip,
  lyingSizeZip,
  millionFeaturesJson,
  overlappingZip,
  tooLargeEntryZip,
  zip64CountZip,
  type HostileFile,
} from '../support/hostile-files';

function refused(f: HostileFile): void {
  assertImportError(() => importBuffer(f.data, f.name, { key: TEST_KEY }), f.problem);
  let message = '';
  try {
    importBuffer(f.data, f.name, { key: TEST_KEY });
  } catch (e) {
    message = (e as Error).message;
  }
  assert.ok(message.includes(f.name), `names the file: ${message}`);
  assert.ok(!message.includes('\n'), 'one sentence');
}

describe('import: hostile files', function () {
  it('refuses 20 000 central records pointing at one deflate stream', () => refused(overlappingZip()));
  it('refuses two entries sharing one local header', () => refused(duplicateOffsetZip()));
  it('refuses a ZIP64 entry count of 4 294 967 295 before looping', () => refused(zip64CountZip()));
  it('stops inflating an entry at its declared size and names it', () => refused(lyingSizeZip()));
  it('names the entry that is too large (not another one)', () => refused(tooLargeEntryZip()));
  it('refuses JSON nested 200 000 deep', () => refused(deepJson()));
  it('refuses hcpy features nested 200 000 deep', () => refused(deepFeaturesJson()));
  it('refuses a 1 000 000-feature hcpy devices.json', () => refused(millionFeaturesJson()));
  it('refuses 30 MB of XML before parsing', () => refused(hugeXmlZip()));

  it('caps hcpy features below the file-size cap too', () => {
    const f = millionFeaturesJson(30000);
    assert.ok(f.data.length < 8 * 1024 * 1024);
    assertImportError(() => importBuffer(f.data, f.name), /more than 20000 entries/);
  });

  it('caps XML in the parser itself', () => {
    assert.throws(() => parseXml('<device>' + ' '.repeat(5 * 1024 * 1024) + '</device>', 'big.xml'), /big\.xml is too large/);
  });

  it('accepts a ZIP with exactly the entry cap, refuses one more', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_ENTRIES; i++) files[`f${i}.txt`] = 'x';
    assert.strictEqual(unzipEntries(buildZip(files), 'ok.zip').size, MAX_ENTRIES);
    files.extra = 'x';
    assert.throws(() => unzipEntries(buildZip(files), 'many.zip'), /many\.zip is not a readable ZIP file \(it declares 1001 entries/);
  });

  it('still reads ordinary ZIPs with directories and junk entries', () => {
    const m = unzipEntries(buildZip({ 'a/': new Uint8Array(0), 'a/b.json': '{}', '__MACOSX/._b.json': 'x', 'c.xml': '<x/>' }), 'ok.zip');
    assert.deepStrictEqual([...m.keys()].sort(), ['a/b.json', 'c.xml']);
    assert.strictEqual(Buffer.from(m.get('c.xml')!).toString(), '<x/>');
  });

  it('reads <description> of a 64 000-opening flood in linear time (raw cloud ZIP)', () => {
    const f = descriptionFloodIddf();
    const r = importIddfZip(f.data, f.name, { key: TEST_KEY, host: '192.168.1.20' });
    assert.strictEqual(r.type, '');
    assert.deepStrictEqual(
      readDescriptionInfo(
        '<a:description x="1"><!-- <type>no</type> --><type> Oven </type><brand>B</brand><model>M</model></a:description>',
      ),
      {
        type: 'Oven',
        brand: 'B',
        vib: 'M',
      },
    );
    assert.deepStrictEqual(readDescriptionInfo('<description>'.repeat(100000) + '<type>T</type>'), {});
  });
});

describe('import: hosts are checked like connecting', () => {
  it('refuses a host with a path or query, naming the file', () => {
    const text = JSON.stringify([{ name: 'dw', host: 'evil.example:443/../x?y', key: TEST_KEY, features: {} }]);
    assertImportError(
      () => importBuffer(Buffer.from(text), 'devices.json'),
      /devices\.json \(appliance 1, dw\): The appliance address "evil\.example:443\/\.\.\/x\?y" is not valid/,
    );
  });

  it('gives no "--<haId>" default host to a TLS profile without brand and type', () => {
    const r = importIddfZip(descriptionFloodIddf().data, 'x.zip', { key: TEST_KEY });
    assert.strictEqual(r.host, '');
  });
});
