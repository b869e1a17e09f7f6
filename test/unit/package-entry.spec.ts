import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../support/paths';

describe('package entry (main)', () => {
  it('require of the package root gives the library API', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the package the way a consumer does
    const pkg = require(path.join(repoRoot, 'package.json')) as { main: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the package the way a consumer does
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
