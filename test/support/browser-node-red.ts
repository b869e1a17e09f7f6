/**
 * A real Node-RED 4 for the browser tests: spawned as a child process with a throwaway userDir
 * into which this package is installed as a symlink, so its package.json "node-red" section,
 * locales and icons load exactly as for a user.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { fetch } from 'undici';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or undefined. Only outside CI may they skip. */
export function browserSkipReason(): string | undefined {
  if (process.env.CI) return undefined;
  if (!fs.existsSync(CHROMIUM_PATH)) {
    return `browser tests skipped: ${CHROMIUM_PATH} not found and CI is unset (install Debian's chromium to run them)`;
  }
  return undefined;
}

/** The repository root: the folder whose package.json is this package. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === '@homeconnect-local/node-red') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found above ' + __dirname);
    dir = up;
  }
}

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface NodeRedInstance {
  url: string;
  userDir: string;
  /** stdout + stderr so far (shown when a test fails). */
  output(): string;
  /** POST /flows (full deploy) through the Admin API. */
  deployFlows(flows: unknown[]): Promise<void>;
  getFlows(): Promise<unknown[]>;
  stop(): Promise<void>;
}

export interface NodeRedOptions {
  env?: Record<string, string>;
  /** The Node-RED package to run (default `node-red`, 4.x; `node-red-5` for 5.x). */
  redModule?: string;
  /** The node binary that runs it (default: this process's). */
  nodeBinary?: string;
  /** Extra settings.js entries (JSON-serialisable). */
  settings?: Record<string, unknown>;
}

export async function startNodeRed(opts: NodeRedOptions = {}): Promise<NodeRedInstance> {
  const root = repoRoot();
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-e2e-'));
  fs.writeFileSync(
    path.join(userDir, 'package.json'),
    JSON.stringify({ name: 'hcl-e2e', private: true, dependencies: { '@homeconnect-local/node-red': `file:${root}` } }),
  );
  fs.mkdirSync(path.join(userDir, 'node_modules', '@homeconnect-local'), { recursive: true });
  fs.symlinkSync(root, path.join(userDir, 'node_modules', '@homeconnect-local', 'node-red'), 'dir');
  const port = await freePort();
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    credentialSecret: 'e2e-test-secret',
    telemetry: { enabled: false },
    editorTheme: { tours: false, projects: { enabled: false }, palette: { editable: false } },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    logging: { console: { level: 'info', metrics: false, audit: false } },
    ...(opts.settings ?? {}),
  };
  const settingsFile = path.join(userDir, 'settings.js');
  fs.writeFileSync(settingsFile, `module.exports = ${JSON.stringify(settings, null, 2)};\n`);
  const redJs = require.resolve(`${opts.redModule ?? 'node-red'}/red.js`, { paths: [root] });
  let output = '';
  const child: ChildProcess = spawn(opts.nodeBinary ?? process.execPath, [redJs, '-u', userDir, '-s', settingsFile], {
    cwd: userDir,
    env: { ...process.env, ...(opts.env ?? {}), NODE_RED_ENABLE_PROJECTS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(userDir, { recursive: true, force: true });
  }

  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Node-RED exited early:\n${output}`);
      try {
        const res = await fetch(`${url}/settings`);
        await res.arrayBuffer();
        // 401: up, with adminAuth
        if (res.status === 200 || res.status === 401) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Node-RED did not start within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    url,
    userDir,
    output: () => output,
    async deployFlows(flows) {
      const res = await fetch(`${url}/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
        body: JSON.stringify({ flows }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST /flows answered ${res.status}: ${text}`);
    },
    async getFlows() {
      const res = await fetch(`${url}/flows`, { headers: { 'Node-RED-API-Version': 'v2' } });
      const body = (await res.json()) as { flows: unknown[] };
      return body.flows;
    },
    stop,
  };
}
