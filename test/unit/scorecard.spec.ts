import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const script = path.join(repoRoot, 'test', 'scripts', 'scorecard.js');

function run(dir: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [script, '--dir', dir], { encoding: 'utf8', timeout: 60000 });
  return { status: result.status, out: result.stdout + result.stderr };
}

/** Lines the scorecard printed with the given status. */
function lines(out: string, status: string): string[] {
  return out.split('\n').filter((l) => l.startsWith(status + ' '));
}

describe('test/scripts/scorecard.js (offline Flow Library scorecard)', function () {
  const temps: string[] = [];

  /** A copy of what the scorecard reads, in a temp dir; the editor HTML is rebuilt there from nodes/editor. */
  function copyPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-scorecard-'));
    temps.push(dir);
    for (const entry of ['package.json', 'README.md', 'homeconnect-local.js', 'examples', 'icons', 'locales', 'nodes/editor']) {
      fs.cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
    // The node file requires ./dist/nodes/index.js: point at the repo's build when there is one.
    if (fs.existsSync(path.join(repoRoot, 'dist', 'nodes'))) fs.symlinkSync(path.join(repoRoot, 'dist'), path.join(dir, 'dist'), 'dir');
    return dir;
  }

  function editPackage(dir: string, change: (pkg: Record<string, any>) => void): void {
    const file = path.join(dir, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(pkg);
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
  }

  after(function () {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the repository itself (exit 0, no FAIL line)', function () {
    const { status, out } = run(repoRoot);
    assert.deepStrictEqual(lines(out, 'FAIL'), [], out);
    assert.strictEqual(status, 0, out);
    for (const id of ['P01', 'P03', 'P04', 'P06', 'P07', 'D01', 'N02']) {
      assert.ok(
        lines(out, 'PASS').some((l) => l.startsWith(`PASS  ${id} `)),
        `${id} should pass:\n${out}`,
      );
    }
  });

  it('passes on an unmodified copy, building the editor HTML there', function () {
    const dir = copyPackage();
    const { status, out } = run(dir);
    assert.strictEqual(status, 0, out);
    assert.ok(fs.existsSync(path.join(dir, 'homeconnect-local.html')), out);
    assert.deepStrictEqual(
      lines(out, 'WARN').filter((l) => !/ (D02|X03) /.test(l)),
      [],
      out,
    );
  });

  it('fails P07 when engines.node excludes the Node.js that Node-RED 5 needs', function () {
    const dir = copyPackage();
    editPackage(dir, (pkg) => {
      pkg.engines.node = '>=24';
    });
    const { status, out } = run(dir);
    assert.strictEqual(status, 1, out);
    assert.deepStrictEqual(
      lines(out, 'FAIL').map((l) => l.slice(6, 9)),
      ['P07'],
      out,
    );
    assert.match(out, /engines\.node ">=24" excludes 22\.9\.0/);
  });

  it('fails P06 when node-red.version excludes Node-RED 5, and D01 when node-red is a runtime dependency', function () {
    const dir = copyPackage();
    editPackage(dir, (pkg) => {
      pkg['node-red'].version = '^4.0.0';
      pkg.dependencies['node-red'] = '^4.1.0';
    });
    const { status, out } = run(dir);
    assert.strictEqual(status, 1, out);
    assert.deepStrictEqual(
      lines(out, 'FAIL').map((l) => l.slice(6, 9)),
      ['P06', 'D01'],
      out,
    );
  });

  it('fails N02 when no example uses a non-config node, and X07 on an example that is not JSON', function () {
    const dir = copyPackage();
    const examples = path.join(dir, 'examples');
    for (const f of fs.readdirSync(examples)) {
      const flow = JSON.parse(fs.readFileSync(path.join(examples, f), 'utf8')) as Array<{ type: string }>;
      if (flow.some((n) => n.type === 'homeconnect-local-in')) fs.rmSync(path.join(examples, f));
    }
    fs.writeFileSync(path.join(examples, 'broken.json'), '[{"id": "a", "type": "comment"');
    const { status, out } = run(dir);
    assert.strictEqual(status, 1, out);
    assert.match(out, /FAIL {2}N02 Examples: no example uses homeconnect-local-in\n/);
    assert.match(out, /FAIL {2}X07 Example files: examples\/broken\.json is not valid JSON/);
  });

  it('fails X04 when an icon the editor names is missing, and X05 when the en-US catalog is missing', function () {
    const dir = copyPackage();
    fs.rmSync(path.join(dir, 'icons', 'homeconnect-local-out.svg'));
    fs.rmSync(path.join(dir, 'locales', 'en-US', 'homeconnect-local.json'));
    const { status, out } = run(dir);
    assert.strictEqual(status, 1, out);
    assert.match(out, /FAIL {2}X04 Icons: homeconnect-local-out: homeconnect-local-out\.svg not found/);
    assert.match(out, /FAIL {2}X05 Locales en-US: locales\/en-US\/homeconnect-local\.json missing/);
  });
});
