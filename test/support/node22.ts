/**
 * The Node 22 binary of the `node@22` devDependency (Node-RED 5 needs Node >= 22.9; the suite
 * itself runs on the Node that runs npm).
 */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './paths';

export function node22Binary(): string {
  const dir = path.dirname(require.resolve('node/package.json', { paths: [repoRoot] }));
  const bin = path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run "npm install" (the node@22 devDependency brings it)`);
  return bin;
}
