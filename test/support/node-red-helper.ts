/**
 * node-red-node-test-helper, initialised once against the Node-RED under test:
 * NODE_RED_MODULE=node-red-5 runs the same specs against 5.x (default: node-red, 4.x).
 */
import * as fs from 'fs';
import * as path from 'path';
import homeconnectLocal from '../../nodes/index';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import type { ApplianceRecord } from '../../src/profile/types';

export type FlowNode = Record<string, unknown> & { id: string; type: string };

export interface TestNode {
  id: string;
  type: string;
  status: { calledWithMatch(arg: unknown): boolean; getCalls(): Array<{ args: unknown[] }> };
  listeners(event: string): unknown[];
  on(event: string, listener: (...args: any[]) => void): void;
  receive(msg: unknown): void;
  credentials?: Record<string, unknown>;
  [key: string]: any;
}

export interface TestHelper {
  init(runtimePath: string, settings?: object): void;
  settings(settings: object): object;
  startServer(done: () => void): void;
  stopServer(done: () => void): void;
  load(nodes: unknown, flow: FlowNode[], credentials?: object): Promise<void>;
  unload(): Promise<void>;
  setFlows(flow: FlowNode[], type: 'full' | 'nodes' | 'flows', credentials?: object): Promise<void>;
  getNode(id: string): TestNode;
  log(): { args: unknown[][] };
}

export const nodeRedModule = process.env.NODE_RED_MODULE || 'node-red';
/** Where the @node-red/* packages of the Node-RED under test live. */
export const nodeRedPrefix = (() => {
  const main = require.resolve(nodeRedModule);
  const nested = path.resolve(path.dirname(main), '..', 'node_modules');
  return fs.existsSync(path.join(nested, '@node-red', 'nodes')) ? nested : path.resolve(path.dirname(main), '..', '..');
})();

/** Short timings so reconnects and failures resolve quickly in tests. */
export const TEST_TIMING = {
  connectTimeoutMs: 2000,
  handshakeTimeoutMs: 4000,
  requestTimeoutMs: 4000,
  pingIntervalMs: 5000,
  deadAfterMs: 15000,
  backoffMinMs: 50,
  backoffMaxMs: 300,
};

let helperInstance: TestHelper | undefined;
export function nodeRedHelper(): TestHelper {
  if (!helperInstance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: it has no types, and only node specs need it
    helperInstance = require('node-red-node-test-helper') as TestHelper;
    helperInstance.init(require.resolve(nodeRedModule));
  }
  helperInstance.settings({ homeconnectLocalAccountTiming: TEST_TIMING });
  return helperInstance;
}

/** Our node module (what homeconnect-local.js loads). */
export function homeconnectNodes(): (RED: unknown) => void {
  return homeconnectLocal as (RED: unknown) => void;
}

/** A core node module of the Node-RED under test, e.g. coreNode('common/21-debug.js'). */
export function coreNode(rel: string): (RED: unknown) => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of the Node-RED under test, found at run time
  return require(path.join(nodeRedPrefix, '@node-red', 'nodes', 'core', rel));
}

export function startServer(helper: TestHelper): Promise<void> {
  return new Promise((resolve) => helper.startServer(resolve));
}
export function stopServer(helper: TestHelper): Promise<void> {
  return new Promise((resolve) => helper.stopServer(resolve));
}

/**
 * Node-RED for the enclosing describe block: server started before and stopped after it,
 * flows unloaded after each test.
 */
export function useNodeRedServer(helper: TestHelper): void {
  before(() => startServer(helper));
  after(() => stopServer(helper));
  afterEach(() => helper.unload());
}

export interface DemoSims {
  dishwasher: ApplianceSimulator;
  washer: ApplianceSimulator;
  records: ApplianceRecord[];
  stop(): Promise<void>;
}

/** Both demo appliances on random 127.0.0.1 ports (TLS dishwasher, AES washer). */
export async function startDemoSimulators(timeScale = 100): Promise<DemoSims> {
  const [dw, wm] = demoRecords();
  const dishwasher = new ApplianceSimulator({ record: dw, timeScale });
  const washer = new ApplianceSimulator({ record: wm, timeScale });
  await dishwasher.start();
  await washer.start();
  return {
    dishwasher,
    washer,
    records: [
      { ...dw, host: dishwasher.hostPort },
      { ...wm, host: washer.hostPort },
    ],
    stop: async () => {
      await dishwasher.stop();
      await washer.stop();
    },
  };
}

/**
 * Node-RED plus both demo simulators for the enclosing describe block (server first, simulators
 * stopped first), flows unloaded after each test. The returned object reads the simulators
 * started in `before`, so specs can hold it in a const.
 */
export function useServerWithDemoSimulators(helper: TestHelper): DemoSims {
  let started: DemoSims | undefined;
  const sims = (): DemoSims => {
    if (!started) throw new Error('the demo simulators start in before(); use them inside tests or hooks');
    return started;
  };
  before(async () => {
    await startServer(helper);
    started = await startDemoSimulators();
  });
  after(async () => {
    await started?.stop();
    await stopServer(helper);
  });
  afterEach(() => helper.unload());
  return {
    get dishwasher() {
      return sims().dishwasher;
    },
    get washer() {
      return sims().washer;
    },
    get records() {
      return sims().records;
    },
    stop: () => sims().stop(),
  };
}

export const ACCOUNT_ID = 'acc0000000000001';

/** An account config node + its credentials for the given records. */
export function testAccount(records: ApplianceRecord[], id = ACCOUNT_ID): { node: FlowNode; credentials: object } {
  const profiles: Record<string, unknown> = {};
  for (const r of records) {
    profiles[r.haId] = {
      key: r.key,
      ...(r.iv ? { iv: r.iv } : {}),
      deviceDescription: r.deviceDescription,
      featureMapping: r.featureMapping,
    };
  }
  return {
    node: {
      id,
      type: 'homeconnect-local-account',
      name: 'test account',
      region: 'EU',
      appliances: records.map((r) => ({
        haId: r.haId,
        name: r.name,
        host: r.host,
        connectionType: r.connectionType,
        brand: r.brand,
        type: r.type,
        vib: r.vib,
      })),
    },
    credentials: { [id]: { profiles: JSON.stringify(profiles) } },
  };
}

/** Resolves when check() is true (polled); rejects with `what` after timeoutMs. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Open sockets and timers of this process (what a leak would add). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo()) {
    counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}
