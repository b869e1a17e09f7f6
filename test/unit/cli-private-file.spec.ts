/** The one writer of files that hold keys (login --out, simulate --save-profile). */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HomeConnectError } from '../../src/errors';
import { writePrivateFile } from '../../src/cli/private-file';

const posix = process.platform !== 'win32';

describe('cli: writePrivateFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-private-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the bytes with mode 0600 and leaves no temporary file', async () => {
    const file = path.join(dir, 'p.zip');
    await writePrivateFile(file, Buffer.from('secret'));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'secret');
    if (posix) assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepStrictEqual(fs.readdirSync(dir), ['p.zip']);
  });

  it('replaces a pre-existing 0644 file by a new 0600 one', async () => {
    const file = path.join(dir, 'p.zip');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await writePrivateFile(file, Buffer.from('new'));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'new');
    if (posix) assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
  });

  (posix ? it : it.skip)('never writes through a symlink placed at the name', async () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'untouched', { mode: 0o644 });
    const file = path.join(dir, 'p.zip');
    fs.symlinkSync(victim, file);
    await writePrivateFile(file, Buffer.from('secret'));
    assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'untouched');
    assert.strictEqual(fs.statSync(victim).mode & 0o777, 0o644);
    assert.ok(!fs.lstatSync(file).isSymbolicLink(), 'the link was replaced by a file');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'secret');
  });

  it('fails with one sentence and cleans up when the folder is missing or the name is a folder', async () => {
    await assert.rejects(writePrivateFile(path.join(dir, 'no', 'p.zip'), Buffer.from('x')), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.match(e.message, /^Cannot write .*p\.zip: the folder does not exist$/);
      return true;
    });
    fs.mkdirSync(path.join(dir, 'taken'));
    await assert.rejects(writePrivateFile(path.join(dir, 'taken'), Buffer.from('x')), /Cannot write .*taken/);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['taken']);
  });
});
