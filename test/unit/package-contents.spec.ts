import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const SKIP = new Set(['node_modules', '.git', '.demo', 'test-artifacts']);

/**
 * What `npm pack` would publish from the current dist/ (the full test build, so the `files` list must
 * filter it). Packs a copy whose package.json has no scripts: some npm versions run `prepare` even with
 * --ignore-scripts, and that rebuilds dist/ under the running suite.
 */
function packedFiles(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-pack-'));
  try {
    for (const entry of fs.readdirSync(repoRoot)) {
      if (!SKIP.has(entry)) fs.cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete pkg.scripts;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    // Settings npm passes to the scripts it runs (npm test, npx) would override --json.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, env, encoding: 'utf8', timeout: 60000 });
    assert.strictEqual(r.status, 0, r.stderr);
    const [report] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
    return report.files.map((f) => f.path).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('package contents (npm pack)', function () {
  this.timeout(60000);

  it('ships the runtime, its declarations and the Node-RED files, and nothing of tests, benchmarks or source maps', function () {
    // Meaningful only against the full build, which holds tests and maps beside the runtime.
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'test'))) this.skip();
    const files = packedFiles();
    for (const needed of [
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/nodes/index.js',
      'homeconnect-local.js',
      'homeconnect-local.html',
      'bin/homeconnect-local.js',
      'icons/homeconnect-local-in.svg',
      'locales/en-US/homeconnect-local.json',
      'package.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} missing from the package`);
    }
    const unwanted = files.filter(
      (f) =>
        f.endsWith('.map') ||
        f.endsWith('.tsbuildinfo') ||
        (f.startsWith('dist/nodes/') && f.endsWith('.d.ts')) ||
        /^(dist\/)?(test|bench|docs|scripts)\//.test(f) ||
        /^(src|nodes)\//.test(f),
    );
    assert.deepStrictEqual(unwanted, []);
  });
});
