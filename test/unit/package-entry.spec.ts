import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../support/paths';

describe('package entry (main)', () => {
  it('require of the package root gives the library API', () => {
    const pkg = require(path.join(repoRoot, 'package.json')) as { main: string };
    const lib = require(path.join(repoRoot, pkg.main)) as Record<string, unknown>;
    for (const name of [
      'HomeConnectError',
      'parseProfile',
      'profileFromRecord',
      'importPath',
      'writeProfileZip',
      'AesFrameCodec',
      'ApplianceConnection',
      'ApplianceSimulator',
      'demoRecords',
      'createLoginRequest',
      'completeLogin',
    ]) {
      assert.strictEqual(typeof lib[name], 'function', name);
    }
  });
});
