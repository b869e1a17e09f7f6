/**
 * Full receive path (frames/s): an encrypted `NOTIFY /ro/values` frame → AES frame codec →
 * UTF-8 → Session message handling → profile decode → ApplianceConnection value store (diff)
 * → the in node's filter and message builder (nodes/message-builder.ts). Everything is the
 * real code; only the websocket framing is left out (a synchronous in-memory transport).
 * Stages are also measured on their own so a slowdown can be located.
 */
import { EventEmitter } from 'events';
import { parseKeyFilter } from '../../nodes/key-filter';
import { changeMessage } from '../../nodes/message-builder';
import { profileFromRecord } from '../../src/profile';
import { AesFrameCodec } from '../../src/protocol/aes-frame-codec';
import { ApplianceConnection, type ClientTransportLike } from '../../src/protocol/appliance-connection';
import type { ValueChange } from '../../src/protocol/types';
import { demoWasher } from '../../src/simulator/demo-profiles';
import { median, type BenchResult } from './run';

const RUNS = 7;
const FRAMES = 20_000;
const KEY = Buffer.from(demoWasher.key, 'base64url');
const IV = Buffer.from(demoWasher.iv!, 'base64url');
const SID = 2_147_483_650;
const PROGRESS = 542; // BSH.Common.Option.ProgramProgress
const REMAINING = 544; // BSH.Common.Option.RemainingProgramTime
const DOOR = 527; // BSH.Common.Status.DoorState

/** The appliance side of an in-memory link: answers the handshake, then is driven by the bench. */
class LoopbackTransport extends EventEmitter implements ClientTransportLike {
  async send(text: string): Promise<void> {
    const m = JSON.parse(text) as { msgID: number; resource: string; version: number; action: string };
    if (m.action !== 'GET' && m.action !== 'POST') return;
    const data =
      m.resource === '/ci/services'
        ? [
            { service: 'ci', version: 3 },
            { service: 'ei', version: 2 },
            { service: 'iz', version: 1 },
            { service: 'ro', version: 1 },
          ]
        : m.resource === '/ro/allMandatoryValues'
          ? [
              { uid: PROGRESS, value: 0 },
              { uid: REMAINING, value: 0 },
              { uid: DOOR, value: 1 },
            ]
          : [];
    const reply = { sID: SID, msgID: m.msgID, resource: m.resource, version: m.version, action: 'RESPONSE', data };
    queueMicrotask(() => this.emit('message', JSON.stringify(reply)));
  }
  ping(): void {
    queueMicrotask(() => this.emit('pong'));
  }
  close(): void {
    queueMicrotask(() => this.emit('close', { code: 1000, reason: 'closed' }));
  }
  terminate(): void {
    this.close();
  }
  openAndGreet(): void {
    this.emit('open');
    const hello = { sID: SID, msgID: 9000, resource: '/ei/initialValues', version: 2, action: 'POST', data: [{ edMsgID: 100 }] };
    this.emit('message', JSON.stringify(hello));
  }
}

/** A typical NOTIFY: progress, remaining time and door, each different from the frame before. */
function notifyText(i: number): string {
  return JSON.stringify({
    sID: SID,
    msgID: 2_147_490_000 + i,
    resource: '/ro/values',
    version: 1,
    action: 'NOTIFY',
    data: [
      { uid: PROGRESS, value: (i % 99) + 1 },
      { uid: REMAINING, value: 7200 - (i % 7000) },
      { uid: DOOR, value: i % 2 },
    ],
  });
}

interface Rig {
  transport: LoopbackTransport;
  conn: ApplianceConnection;
  messages: number;
  stop(): Promise<void>;
}

async function connectedRig(): Promise<Rig> {
  const transport = new LoopbackTransport();
  const conn = new ApplianceConnection({
    record: { ...demoWasher, host: '127.0.0.1:1' },
    profile: profileFromRecord(demoWasher),
    deviceId: 'bench',
    transportFactory: () => {
      setImmediate(() => transport.openAndGreet());
      return transport;
    },
  });
  const rig: Rig = { transport, conn, messages: 0, stop: () => conn.stop() };
  // What the in node does per batch (filter '', output 'changes').
  const accept = parseKeyFilter('');
  const appliance = { haId: demoWasher.haId, name: demoWasher.name ?? demoWasher.haId };
  conn.on('values', (changes: ValueChange[]) => {
    for (const c of changes) if (accept(c.key)) rig.messages += changeMessage(appliance, c).topic ? 1 : 0;
  });
  const up = new Promise<void>((resolve, reject) => {
    conn.on('state', (s) => {
      if (s.state === 'connected') resolve();
      else if (s.state === 'error' || s.state === 'auth-failed') reject(new Error(s.reason));
    });
  });
  conn.start();
  await up;
  return rig;
}

function perSecond(n: number, t0: bigint): number {
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export interface ReceivePathFigures {
  full: number;
  codecOnly: number;
  fromText: number;
}

/** One run of each stage; exported for profiling (`node --cpu-prof`). */
export async function measureOnce(frames = FRAMES): Promise<ReceivePathFigures> {
  const texts = Array.from({ length: frames }, (_, i) => notifyText(i));
  // Full path.
  const applianceSide = new AesFrameCodec(KEY, IV, 'appliance');
  const encrypted = texts.map((t) => applianceSide.encrypt(t));
  const rig = await connectedRig();
  const client = new AesFrameCodec(KEY, IV, 'client');
  const before = rig.messages;
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < frames; i++) {
    const text = client.decryptToString(encrypted[i]); // as the client transport does
    rig.transport.emit('message', text);
  }
  const full = perSecond(frames, t0);
  if (rig.messages - before !== frames * 3) throw new Error(`receive path delivered ${rig.messages - before} of ${frames * 3} changes`);

  // From text (no codec): session + decode + store + message building.
  t0 = process.hrtime.bigint();
  for (let i = 0; i < frames; i++) rig.transport.emit('message', texts[frames - 1 - i]);
  const fromText = perSecond(frames, t0);
  await rig.stop();

  // Codec + UTF-8 only.
  const side2 = new AesFrameCodec(KEY, IV, 'appliance');
  const enc2 = texts.map((t) => side2.encrypt(t));
  const client2 = new AesFrameCodec(KEY, IV, 'client');
  let sink = 0;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < frames; i++) sink += client2.decryptToString(enc2[i])!.length;
  const codecOnly = perSecond(frames, t0);
  if (sink === 0) throw new Error('nothing decrypted');
  return { full, codecOnly, fromText };
}

export async function run(): Promise<BenchResult[]> {
  // Warm-up until the JIT has settled (a long-running Node-RED is always in this state).
  for (let i = 0; i < 3; i++) await measureOnce();
  const full: number[] = [];
  const codec: number[] = [];
  const text: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const f = await measureOnce();
    full.push(f.full);
    codec.push(f.codecOnly);
    text.push(f.fromText);
  }
  const bytes = Buffer.byteLength(notifyText(1234));
  const note = `${bytes}-byte NOTIFY, 3 values; median of ${RUNS} × ${FRAMES}`;
  return [
    { group: 'receive path', name: 'encrypted NOTIFY → in-node messages (full path)', value: median(full), unit: 'frames/s', note },
    { group: 'receive path', name: 'stage: AES decrypt + UTF-8 only', value: median(codec), unit: 'frames/s', note },
    { group: 'receive path', name: 'stage: text → session → decode → store → messages', value: median(text), unit: 'frames/s', note },
  ];
}

if (require.main === module) {
  void (async () => {
    const n = Number(process.argv[2] ?? 0);
    if (n > 0) {
      // Profiling mode: `node --cpu-prof dist/test/bench/receive-path.bench.js 200000`
      const f = await measureOnce(n);
      console.log(f);
      return;
    }
    for (const r of await run()) console.log(r.name, Math.round(r.value), r.unit);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
