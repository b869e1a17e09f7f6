/**
 * `npm test` (test/scripts/test.js): every stage runs even when an earlier one fails, the run fails if
 * any stage did, and the Node-RED 5 stage runs on a real Node 22.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import { repoRoot } from '../support/paths';

interface Stage {
  name: string;
  node: () => string;
  args: string[];
  env: Record<string, string>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script, outside the TypeScript build
const driver = require(path.join(repoRoot, 'test', 'scripts', 'test.js')) as {
  runStages(stages: Stage[], out: Writable): Promise<number>;
  stages: Stage[];
};

function sink(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { out, text: () => text };
}

const script = (body: string): Stage['args'] => ['-e', body];

describe('npm test driver (test/scripts/test.js)', function () {
  this.timeout(20000);

  it('package.json runs it, with no && chain that could skip a stage', function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.strictEqual(pkg.scripts.test, 'node test/scripts/test.js');
  });

  it('runs the later stage after a failed one, then fails the run and sums the counts', async function () {
    const { out, text } = sink();
    const code = await driver.runStages(
      [
        {
          name: 'first',
          node: () => process.execPath,
          args: script("console.log('  4 passing (1s)'); console.log('  1 failing'); process.exit(1)"),
          env: {},
        },
        {
          name: 'second',
          node: () => process.execPath,
          args: script("console.log('second ran with ' + process.env.MARK); console.log('  3 passing (1s)')"),
          env: { MARK: 'x' },
        },
      ],
      out,
    );
    assert.strictEqual(code, 1);
    assert.match(text(), /second ran with x/);
    assert.match(text(), /FAIL {2}first: 4 passing, 1 failing/);
    assert.match(text(), /ok {4}second: 3 passing, 0 failing/);
    assert.match(text(), /^7 passed, 1 failed$/m);
  });

  it('a stage that dies without a summary counts as a failure; all green exits 0', async function () {
    const { out, text } = sink();
    assert.strictEqual(
      await driver.runStages([{ name: 'dies', node: () => process.execPath, args: script('process.exit(3)'), env: {} }], out),
      1,
    );
    assert.match(text(), /^0 passed, 1 failed$/m);
    const ok = sink();
    assert.strictEqual(
      await driver.runStages(
        [{ name: 'green', node: () => process.execPath, args: script("console.log('  2 passing')"), env: {} }],
        ok.out,
      ),
      0,
    );
    assert.match(ok.text(), /^2 passed, 0 failed$/m);
  });

  it('stage 1 runs every spec but test/nr5; stage 2 runs the node specs and test/nr5 with Node-RED 5 on Node 22', function () {
    const [all, nr5] = driver.stages;
    assert.ok(all && nr5);
    assert.ok(all.args.includes('dist/test/nr5/**'), 'stage 1 leaves the Node 22 end-to-end check to stage 2');
    assert.strictEqual(nr5.env.NODE_RED_MODULE, 'node-red-5');
    assert.ok(nr5.args.includes('dist/test/nodes/**/*.spec.js') && nr5.args.includes('dist/test/nr5/**/*.spec.js'));
    const version = spawnSync(nr5.node(), ['--version'], { encoding: 'utf8' }).stdout.trim();
    const [major, minor] = version.slice(1).split('.').map(Number);
    assert.ok(major === 22 && minor >= 9, `Node-RED 5 needs >= 22.9, got ${version}`);
  });
});
