/**
 * AES frame codec throughput (frames/s) for typical message sizes, next to the raw OpenSSL
 * limit measured in the same run: one AES-256-CBC update on a long-lived cipher plus one
 * HMAC-SHA256 per frame — what any implementation on Node's crypto must pay at least.
 */
import * as crypto from 'crypto';
import { AesFrameCodec } from '../../src/protocol/aes-frame-codec';
import { BenchResult, median } from './run';

const SIZES = [100, 200, 400, 600];
const RUNS = 7;
const FRAMES = 20000;
const KEY = crypto.randomBytes(32);
const IV = crypto.randomBytes(16);

function message(n: number): string {
  const head = '{"sID":1,"msgID":2,"resource":"/ro/values","version":1,"action":"NOTIFY","data":[{"uid":527,"value":"';
  return (head + 'x'.repeat(Math.max(0, n - head.length - 4)) + '"}]}').slice(0, n);
}

function rate(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < FRAMES; i++) fn();
  return FRAMES / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function measure(size: number): { enc: number; dec: number; rawEnc: number; rawDec: number } {
  const text = message(size);
  const enc: number[] = [];
  const dec: number[] = [];
  const rawEnc: number[] = [];
  const rawDec: number[] = [];
  for (let r = -1; r < RUNS; r++) {
    // run -1 warms up the JIT and is discarded
    const sender = new AesFrameCodec(KEY, IV, 'client');
    const receiver = new AesFrameCodec(KEY, IV, 'appliance');
    const frames: Buffer[] = new Array(FRAMES);
    let i = 0;
    const e = rate(() => void (frames[i++] = sender.encrypt(text)));
    i = 0;
    const d0 = rate(() => void receiver.decrypt(frames[i++]));
    if (r >= 0) {
      enc.push(e);
      dec.push(d0);
    }

    // Raw limit: same byte counts, no padding logic, no chaining bookkeeping.
    const padded = Buffer.alloc(size + 16 - (size % 16), 0x41);
    const macKey = crypto.randomBytes(32);
    const c = crypto.createCipheriv('aes-256-cbc', KEY, IV).setAutoPadding(false);
    const d = crypto.createDecipheriv('aes-256-cbc', KEY, IV).setAutoPadding(false);
    const cts: Buffer[] = new Array(FRAMES);
    i = 0;
    const re = rate(() => {
      const ct = c.update(padded);
      crypto.createHmac('sha256', macKey).update(ct).digest();
      cts[i++] = ct;
    });
    i = 0;
    const rd = rate(() => {
      const ct = cts[i++];
      crypto.createHmac('sha256', macKey).update(ct).digest();
      d.update(ct);
    });
    if (r >= 0) {
      rawEnc.push(re);
      rawDec.push(rd);
    }
  }
  return { enc: median(enc), dec: median(dec), rawEnc: median(rawEnc), rawDec: median(rawDec) };
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const size of SIZES) {
    const m = measure(size);
    const note = `median of ${RUNS} × ${FRAMES} frames`;
    out.push({ group: 'codec', name: `encrypt ${size}-byte message`, value: m.enc, unit: 'frames/s', note });
    out.push({ group: 'codec', name: `decrypt ${size}-byte message`, value: m.dec, unit: 'frames/s', note });
    out.push({ group: 'codec', name: `OpenSSL limit encrypt ${size} B (AES-CBC update + HMAC)`, value: m.rawEnc, unit: 'frames/s', note });
    out.push({ group: 'codec', name: `OpenSSL limit decrypt ${size} B (HMAC + AES-CBC update)`, value: m.rawDec, unit: 'frames/s', note });
  }
  return out;
}
