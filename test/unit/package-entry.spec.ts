import * as assert from 'assert';
import * as path from 'path';
import { repoRoot } from '../support/paths';

describe('package entry (main)', () => {
  const lib = (): Record<string, unknown> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the package the way a consumer does
    const pkg = require(path.join(repoRoot, 'package.json')) as { main: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the package the way a consumer does
    return require(path.join(repoRoot, pkg.main)) as Record<string, unknown>;
  };

  it('require of the package root gives the documented library API', () => {
    const api = lib();
    for (const name of [
      'HomeConnectError',
      'isHomeConnectError',
      // profiles
      'importPath',
      'importBuffer',
      'writeProfileZip',
      'parseProfile',
      'profileFromRecord',
      'ApplianceProfile',
      // connection
      'ApplianceConnection',
      'connectOnce',
      // commands
      'parseCommand',
      'runCommand',
      'StartPathMemory',
      'guardCommand',
      'commandErrorFields',
      'resolveDelayedStart',
      'isDangerousCommand',
      // simulator
      'ApplianceSimulator',
      'demoRecords',
      // cloud login
      'createLoginRequest',
      'completeLogin',
    ]) {
      assert.strictEqual(typeof api[name], 'function', name);
    }
  });

  it('keeps internals out, so renaming them breaks no user', () => {
    const api = lib();
    for (const name of [
      'AesFrameCodec',
      'Session',
      'SimulatedState',
      'ProgramRunner',
      'TrafficLog',
      'safeEmit',
      'redactSecrets',
      'connectTransport',
      'startApplianceServer',
      'XmlElement',
      'EnumResolver',
    ]) {
      assert.ok(!(name in api), `${name} is internal`);
    }
  });
});
