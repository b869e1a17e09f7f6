/**
 * Discovery on the loopback interface: time from starting a browse to finding an advertised
 * simulator, and time from an appliance moving to its port to a connection that follows it being
 * connected again (followAfterMs 0: the lookup starts at the first failure). Medians of 5.
 */
import { findAppliance } from '../../src/discovery';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { median, type BenchResult } from './run';

const LOOPBACK = { interface: '127.0.0.1' };

async function timeToFind(sim: ApplianceSimulator): Promise<number> {
  const t = performance.now();
  const a = await findAppliance(sim.record.haId, { ...LOOPBACK, timeoutMs: 5000 });
  if (!a) throw new Error('not found');
  return performance.now() - t;
}

async function timeToFollow(sim: ApplianceSimulator): Promise<number> {
  const client = new ApplianceConnection({
    record: { ...sim.record, host: `127.0.0.1:${sim.port}` },
    timing: { backoffMinMs: 1000, backoffMaxMs: 5000, followAfterMs: 0 },
    addressLookup: async (haId) => {
      const a = await findAppliance(haId, { ...LOOPBACK, timeoutMs: 3000 });
      return a ? `${a.host}:${a.port}` : undefined;
    },
  });
  let connected = 0;
  let resolveNext: () => void = () => undefined;
  client.on('state', (s) => {
    if (s.state === 'connected') {
      connected++;
      resolveNext();
    }
  });
  const next = () => new Promise<void>((r) => (resolveNext = r));
  const first = next();
  client.start();
  await first;
  const again = next();
  const t = performance.now();
  await sim.moveTo({ port: 0 });
  await again;
  const ms = performance.now() - t;
  await client.stop();
  if (connected !== 2) throw new Error('did not follow');
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const sim = new ApplianceSimulator({ record: demoRecords()[1], advertise: LOOPBACK });
  await sim.start();
  try {
    const find: number[] = [];
    const follow: number[] = [];
    for (let i = 0; i < 5; i++) find.push(await timeToFind(sim));
    for (let i = 0; i < 5; i++) follow.push(await timeToFollow(sim));
    return [
      { group: 'discovery', name: 'time to find an advertised appliance (loopback)', value: median(find), unit: 'ms' },
      {
        group: 'discovery',
        name: 'time to follow a moved appliance to connected',
        value: median(follow),
        unit: 'ms',
        note: 'AES, backoff 1 s',
      },
    ];
  } finally {
    await sim.stop();
  }
}
