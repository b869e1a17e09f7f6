/**
 * Time from ApplianceConnection.start() to state "connected" against the simulator on
 * loopback: transport setup + full handshake (protocol.md §3.4) + both ro reads, for TLS-PSK and AES.
 */
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import { median, type BenchResult } from './run';

const RUNS = 21;

async function timeToConnected(record: ApplianceRecord, host: string): Promise<number> {
  const conn = new ApplianceConnection({ record: { ...record, host }, deviceId: 'bench', timing: { backoffMinMs: 5, backoffMaxMs: 20 } });
  const t0 = process.hrtime.bigint();
  const up = new Promise<void>((resolve, reject) => {
    conn.on('state', (c) => {
      if (c.state === 'connected') resolve();
      else if (c.state === 'error' || c.state === 'auth-failed' || c.state === 'offline') reject(new Error(c.reason));
    });
  });
  conn.start();
  try {
    await up;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    await conn.stop();
  }
}

async function measure(record: ApplianceRecord): Promise<{ ms: number[] }> {
  const sim = new ApplianceSimulator({ record, services: 'iz' });
  await sim.start();
  const ms: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // One connection per appliance: wait until the simulator saw the previous one go.
      while (sim.activeConnections > 0) await new Promise((r) => setTimeout(r, 2));
      ms.push(await timeToConnected(record, sim.hostPort));
    }
  } finally {
    await sim.stop();
  }
  return { ms: ms.slice(1) }; // first run warms up the JIT and crypto
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const [record, label] of [
    [demoDishwasher, 'TLS-PSK'],
    [demoWasher, 'AES'],
  ] as const) {
    const { ms } = await measure(record);
    out.push({
      group: 'connection',
      name: `start() → connected, ${label}, iz handshake, loopback`,
      value: median(ms),
      unit: 'ms',
      note: `median of ${ms.length}; min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}`,
    });
  }
  return out;
}
