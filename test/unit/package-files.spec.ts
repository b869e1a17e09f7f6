/** What `npm pack` ships: the runtime, nothing that points at files it does not carry. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../support/paths';

describe('package contents (npm pack --dry-run)', function () {
  this.timeout(60000);
  let files: string[] = [];

  before(function () {
    // --ignore-scripts: the suite has built dist/ already. The user's npm, not the copy a dependency
    // links into node_modules/.bin (which builds anyway).
    const PATH = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => !d.includes('node_modules'))
      .join(path.delimiter);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, PATH },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  });

  it('ships no source maps (their sources are not in the tarball)', function () {
    assert.deepStrictEqual(
      files.filter((f) => f.endsWith('.map')),
      [],
    );
  });

  it('ships the library, the nodes, the CLI, the editor and the examples, but no tests or benchmarks', function () {
    for (const f of [
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/nodes/index.js',
      'bin/homeconnect-local.js',
      'homeconnect-local.js',
      'homeconnect-local.html',
      'examples/watch-an-appliance.json',
      'locales/de/homeconnect-local.json',
    ]) {
      assert.ok(files.includes(f), f);
    }
    assert.deepStrictEqual(
      files.filter((f) => /^(dist\/)?(test|bench)\//.test(f)),
      [],
    );
  });

  it('ships declarations only for the library, and no TypeScript sources', function () {
    assert.deepStrictEqual(
      files.filter(
        (f) => (f.startsWith('dist/nodes/') && f.endsWith('.d.ts')) || /^(src|nodes|docs)\//.test(f) || f.endsWith('.tsbuildinfo'),
      ),
      [],
    );
  });
});
