/**
 * Latency from an appliance change to the in node's message: the simulator (in a child
 * process, as a real appliance is another machine) changes a setting and notes the time;
 * this process notes when the ApplianceConnection's 'values' event has been turned into the
 * in node's message (nodes/message-builder.ts). 1, 50 and 200 appliances, each changing
 * twice a second, half over TLS-PSK and half over AES. Times are wall-clock with
 * sub-millisecond resolution (performance.timeOrigin + now()) in both processes.
 */
import { parseKeyFilter } from '../../nodes/key-filter';
import { changeMessage } from '../../nodes/message-builder';
import type { ValueChange } from '../../src/protocol/types';
import { median, type BenchResult } from './run';
import { CHANGE_KEY, Fleet, connectAll, connections, nowMs } from './scale.bench';

const SIZES = [1, 50, 200];
const PER_SECOND = 2;
const SECONDS = 5;
const RUNS = 3;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(count: number): Promise<{ p50: number[]; p99: number[]; samples: number }> {
  const { fleet, records } = await Fleet.start(count);
  const conns = connections(records);
  await connectAll(conns);
  const p50: number[] = [];
  const p99: number[] = [];
  let samples = 0;
  // Per appliance: send times from the fleet and message times here, paired in order.
  const sent: number[][] = records.map(() => []);
  const received: number[][] = records.map(() => []);
  let latencies: number[] = [];
  const pair = (i: number): void => {
    while (sent[i].length && received[i].length) latencies.push(received[i].shift()! - sent[i].shift()!);
  };
  fleet.on((e) => {
    if (e.ev !== 'sent') return;
    sent[e.i].push(e.t);
    pair(e.i);
  });
  const accept = parseKeyFilter('');
  conns.forEach((c, i) => {
    const appliance = { haId: c.haId, name: records[i].name ?? c.haId };
    c.on('values', (changes: ValueChange[]) => {
      for (const change of changes) {
        if (change.key !== CHANGE_KEY || !accept(change.key)) continue;
        const msg = changeMessage(appliance, change);
        if (msg.topic) received[i].push(nowMs());
      }
      pair(i);
    });
  });
  try {
    for (let r = -1; r < RUNS; r++) {
      latencies = [];
      fleet.changes(PER_SECOND);
      await new Promise((res) => setTimeout(res, (r < 0 ? 1 : SECONDS) * 1000));
      await fleet.quiet();
      await new Promise((res) => setTimeout(res, 200)); // let the last changes arrive
      for (let i = 0; i < records.length; i++) {
        pair(i);
        sent[i].length = 0;
        received[i].length = 0;
      }
      if (r < 0) continue; // warm-up
      const sorted = latencies.sort((a, b) => a - b);
      p50.push(percentile(sorted, 50));
      p99.push(percentile(sorted, 99));
      samples += sorted.length;
    }
  } finally {
    await Promise.all(conns.map((c) => c.stop()));
    await fleet.stop();
  }
  return { p50, p99, samples };
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const n of SIZES) {
    const m = await measure(n);
    const note = `${PER_SECOND} changes/s each, ${m.samples} samples, median of ${RUNS} × ${SECONDS} s`;
    out.push({
      group: 'latency',
      name: `appliance change → in-node message, ${n} appliance${n > 1 ? 's' : ''}, p50`,
      value: median(m.p50),
      unit: 'ms',
      note,
    });
    out.push({
      group: 'latency',
      name: `appliance change → in-node message, ${n} appliance${n > 1 ? 's' : ''}, p99`,
      value: median(m.p99),
      unit: 'ms',
      note,
    });
  }
  return out;
}

if (require.main === module) {
  run()
    .then((rs) => rs.forEach((r) => console.log(r.name, r.value.toFixed(3), r.unit, r.note)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
