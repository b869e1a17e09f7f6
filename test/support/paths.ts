import * as fs from 'fs';
import * as path from 'path';

/** Repository root (the folder holding package.json), found from the compiled test file. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

export const fixturesDir: string = path.join(repoRoot, 'test', 'fixtures');
/** The real profile pairs carried in the repo (test/fixtures/profiles/README.md); HOMECONNECT_PROFILES_DIR may point elsewhere. */
export const rawProfilesDir: string = process.env.HOMECONNECT_PROFILES_DIR ?? path.join(fixturesDir, 'profiles', 'raw');
/** A real hcpy devices.json (test/fixtures/profiles/README.md). */
export const hcpyDevicesFile: string = path.join(fixturesDir, 'profiles', 'hcpy', 'zibous-homeconnect-hcpy.json');

/** The real profile pairs, as [name, DeviceDescription path, FeatureMapping path]. */
export function rawProfilePairs(): Array<{ name: string; description: string; featureMapping: string }> {
  return fs
    .readdirSync(rawProfilesDir)
    .filter((f) => f.endsWith('_DeviceDescription.xml'))
    .sort()
    .map((f) => {
      const name = f.replace(/_DeviceDescription\.xml$/, '');
      return {
        name,
        description: path.join(rawProfilesDir, f),
        featureMapping: path.join(rawProfilesDir, `${name}_FeatureMapping.xml`),
      };
    });
}
