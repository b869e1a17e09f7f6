/**
 * The built bin refuses every hostile profile file with exit code 1 and one stderr line
 * naming the file and the problem (before the fix: several ran past 20 s or used ~800 MB).
 */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  deepFeaturesJson,
  deepJson,
  descriptionFloodZip,
  duplicateOffsetZip,
  hugeXmlZip,
  lyingSizeZip,
  millionFeaturesJson,
  overlappingZip,
  tooLargeEntryZip,
  zip64CountZip,
  type HostileFile,
} from '../support/hostile-files';
import { runCli } from './cli-runner';

describe('homeconnect-local bin: hostile profile files', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-hostile-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files: Array<() => HostileFile> = [
    overlappingZip,
    duplicateOffsetZip,
    zip64CountZip,
    lyingSizeZip,
    tooLargeEntryZip,
    // Read fine as a ZIP; the profile inside is refused by watch (it names the appliance).
    () => ({ ...descriptionFloodZip(), name: 'flood.zip', problem: /not well-formed XML/ }),
    deepJson,
    deepFeaturesJson,
    millionFeaturesJson,
    hugeXmlZip,
  ];
  for (const make of files) {
    it(`refuses ${make().name}`, async () => {
      const f = make();
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.data);
      // Port 1 on loopback: if the file were accepted, watch would run until killed.
      const r = await runCli(['watch', file, '--host', '127.0.0.1:1']);
      assert.strictEqual(r.code, 1, `exit code; stderr: ${r.stderr}`);
      assert.match(r.stderr, /^homeconnect-local: [^\n]+\n$/, `stderr: ${JSON.stringify(r.stderr)}`);
      if (f.name !== 'flood.zip') assert.ok(r.stderr.includes(f.name), r.stderr);
      assert.match(r.stderr, f.problem);
    });
  }
});
