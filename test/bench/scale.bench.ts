/**
 * Many appliances: connect-all time and memory per connected appliance at 200 appliances
 * (half TLS-PSK, half AES). The simulators run in a child process (a "fleet"), so this
 * process holds only what a Node-RED instance would: one ApplianceConnection with its
 * profile per appliance. The fleet is also used by latency.bench.ts.
 */
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import * as vm from 'vm';
import { parseProfile, profileFromRecord } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { median, type BenchResult } from './run';
import { rawProfilesDir } from '../support/paths';

const APPLIANCES = 200;
const RUNS = 3;
export const CHANGE_KEY = 'BSH.Common.Setting.ChildLock';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

// ---- fleet (child process) ---------------------------------------------------------------

type FleetCommand = { cmd: 'start'; count: number } | { cmd: 'changes'; perSecond: number } | { cmd: 'quiet' } | { cmd: 'stop' };
export type FleetEvent =
  { ev: 'started'; records: ApplianceRecord[] } | { ev: 'sent'; i: number; t: number } | { ev: 'quiet' } | { ev: 'stopped' };

function fleetRecord(i: number): ApplianceRecord {
  const base = i % 2 === 0 ? demoDishwasher : demoWasher;
  const n = String(i).padStart(3, '0');
  return { ...base, haId: `${base.haId}-${n}`, name: `${base.name} ${n}` };
}

function runFleet(): void {
  const sims: ApplianceSimulator[] = [];
  const timers: NodeJS.Timeout[] = [];
  const send = (e: FleetEvent): void => void process.send!(e);
  const quiet = (): void => {
    for (const t of timers.splice(0)) {
      clearTimeout(t);
      clearInterval(t);
    }
  };
  process.on('message', (m: FleetCommand) => {
    void (async () => {
      if (m.cmd === 'start') {
        const records: ApplianceRecord[] = [];
        for (let i = 0; i < m.count; i++) {
          const record = fleetRecord(i);
          const sim = new ApplianceSimulator({ record, services: 'iz' });
          await sim.start();
          sims.push(sim);
          records.push({ ...record, host: sim.hostPort });
        }
        send({ ev: 'started', records });
      } else if (m.cmd === 'changes') {
        const period = 1000 / m.perSecond;
        sims.forEach((sim, i) => {
          // Spread the appliances over the period, as real ones are not in step.
          const first = setTimeout(() => {
            const tick = (): void => {
              const t = nowMs();
              sim.setValue(CHANGE_KEY, !sim.getValue(CHANGE_KEY));
              send({ ev: 'sent', i, t });
            };
            tick();
            timers.push(setInterval(tick, period));
          }, Math.random() * period);
          timers.push(first);
        });
      } else if (m.cmd === 'quiet') {
        quiet();
        send({ ev: 'quiet' });
      } else if (m.cmd === 'stop') {
        quiet();
        for (const s of sims) await s.stop();
        send({ ev: 'stopped' });
        process.exit(0);
      }
    })();
  });
}

export class Fleet {
  private constructor(private readonly child: ChildProcess) {}

  static async start(count: number): Promise<{ fleet: Fleet; records: ApplianceRecord[] }> {
    const child = fork(__filename, [], {
      env: { ...process.env, HOMECONNECT_BENCH_FLEET: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const fleet = new Fleet(child);
    const started = fleet.next('started');
    child.send({ cmd: 'start', count });
    const e = (await started) as Extract<FleetEvent, { ev: 'started' }>;
    return { fleet, records: e.records };
  }

  on(listener: (e: FleetEvent) => void): void {
    this.child.on('message', listener);
  }

  changes(perSecond: number): void {
    this.child.send({ cmd: 'changes', perSecond });
  }

  async quiet(): Promise<void> {
    const done = this.next('quiet');
    this.child.send({ cmd: 'quiet' });
    await done;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ cmd: 'stop' });
    await exited;
  }

  private next(ev: FleetEvent['ev']): Promise<FleetEvent> {
    return new Promise((resolve) => {
      const l = (e: FleetEvent): void => {
        if (e.ev === ev) {
          this.child.off('message', l);
          resolve(e);
        }
      };
      this.child.on('message', l);
    });
  }
}

// ---- client side -------------------------------------------------------------------------

/** Connections for `records` (each with its own profile, as the account node builds them). */
export function connections(records: ApplianceRecord[]): ApplianceConnection[] {
  return records.map(
    (record) =>
      new ApplianceConnection({
        record,
        profile: profileFromRecord(record),
        deviceId: 'bench',
        // Many connections at once on one loopback: allow for a slow first handshake.
        timing: { backoffMinMs: 50, backoffMaxMs: 500, handshakeTimeoutMs: 60_000, requestTimeoutMs: 60_000, connectTimeoutMs: 60_000 },
      }),
  );
}

/** Starts every connection; resolves with the ms until the last one is connected. */
export async function connectAll(conns: ApplianceConnection[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    conns.map(
      (c) =>
        new Promise<void>((resolve) => {
          const l = (s: { state: string }): void => {
            if (s.state === 'connected') {
              c.off('state', l);
              resolve();
            }
          };
          c.on('state', l);
          c.start();
        }),
    ),
  );
  return performance.now() - t0;
}

let gcFn: (() => void) | undefined;
function gc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

function memory(): { heap: number; external: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

/** Heap held by one parsed real profile (the demo profiles of the fleet are small). */
function realProfileKiB(): { kib: number; name: string } | undefined {
  const dir = rawProfilesDir;
  const name = 'SIEMENS-WM6HXF91NL';
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith(name) && f.endsWith('_DeviceDescription.xml')) : undefined;
  if (!file) return undefined;
  const dd = fs.readFileSync(path.join(dir, file), 'utf8');
  const fm = fs.readFileSync(path.join(dir, file.replace('_DeviceDescription.xml', '_FeatureMapping.xml')), 'utf8');
  parseProfile(dd, fm);
  const before = memory().heap;
  const kept = Array.from({ length: 20 }, () => parseProfile(dd, fm));
  const kib = (memory().heap - before) / kept.length / 1024;
  return { kib, name };
}

export async function run(): Promise<BenchResult[]> {
  const { fleet, records } = await Fleet.start(APPLIANCES);
  const connectMs: number[] = [];
  const heapPer: number[] = [];
  const externalPer: number[] = [];
  try {
    // Warm-up: JIT and crypto for one connection of each kind.
    const warm = connections(records.slice(0, 2));
    await connectAll(warm);
    await Promise.all(warm.map((c) => c.stop()));
    for (let r = 0; r < RUNS; r++) {
      await new Promise((res) => setTimeout(res, 300)); // let the fleet see the previous sockets go
      const before = memory();
      const conns = connections(records);
      connectMs.push(await connectAll(conns));
      await new Promise((res) => setTimeout(res, 200));
      const after = memory();
      heapPer.push((after.heap - before.heap) / APPLIANCES / 1024);
      externalPer.push((after.external - before.external) / APPLIANCES / 1024);
      await Promise.all(conns.map((c) => c.stop()));
    }
  } finally {
    await fleet.stop();
  }
  const note = `${APPLIANCES} appliances (half TLS, half AES, demo profiles), simulators in a child process; median of ${RUNS}`;
  const out: BenchResult[] = [
    { group: 'scale', name: `connect all ${APPLIANCES} appliances (start → all connected)`, value: median(connectMs), unit: 'ms', note },
    { group: 'scale', name: 'JS heap per connected appliance (after GC, incl. profile)', value: median(heapPer), unit: 'KiB', note },
    { group: 'scale', name: 'external + buffers per connected appliance (after GC)', value: median(externalPer), unit: 'KiB', note },
  ];
  const real = realProfileKiB();
  if (real) {
    out.push({
      group: 'scale',
      name: `JS heap of one parsed real profile (${real.name})`,
      value: real.kib,
      unit: 'KiB',
      note: 'after GC, mean of 20 copies; add per appliance with such a profile',
    });
  }
  return out;
}

if (process.env.HOMECONNECT_BENCH_FLEET === '1') runFleet();
else if (require.main === module) {
  run()
    .then((rs) => rs.forEach((r) => console.log(r.name, r.value.toFixed(1), r.unit)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
