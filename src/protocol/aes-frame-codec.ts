/**
 * AES frame codec of the "AES" websocket transport (protocol.md §2): AES-256-CBC as one
 * stream per direction, custom 2..17-byte padding, and a chained HMAC-SHA256 tag truncated
 * to 16 bytes. Works on bytes only; JSON is the session layer's business.
 *
 * Speed notes: the HMAC is computed from precomputed keyed inner/outer SHA-256 states
 * (Hash.copy() per frame instead of a fresh createHmac), pad filler comes from a random pool,
 * and each frame costs one cipher.update plus one final Buffer.concat.
 */
import * as crypto from 'crypto';
import { HomeConnectError } from '../errors';

export type CodecRole = 'client' | 'appliance';
export type CodecFailure = 'length' | 'mac' | 'padding';

/** A frame that cannot be accepted. Fatal for the connection (protocol.md §2.5). */
export class CodecError extends HomeConnectError {
  readonly reason: CodecFailure;

  constructor(reason: CodecFailure, message: string) {
    super('protocol', message, { details: { reason } });
    this.name = 'CodecError';
    this.reason = reason;
  }
}

export interface AesFrameCodecOptions {
  /** Supplies `n` filler bytes for the padding (tests use a fixed value). Default: random. */
  padFiller?: (n: number) => Buffer;
}

/** Length of the padding for a plaintext of `n` bytes: 2..17, never 1 (§2.3). */
export function padLength(n: number): number {
  const p = 16 - (n % 16);
  return p === 1 ? 17 : p;
}

/** encKey = HMAC-SHA256(psk, "ENC"), macKey = HMAC-SHA256(psk, "MAC") (§2.1). */
export function deriveAesKeys(psk: Buffer): { encKey: Buffer; macKey: Buffer } {
  return {
    encKey: crypto.createHmac('sha256', psk).update('ENC').digest(),
    macKey: crypto.createHmac('sha256', psk).update('MAC').digest(),
  };
}

const DIR_CLIENT = 0x45; // 'E': frames written by the client
const DIR_APPLIANCE = 0x43; // 'C': frames written by the appliance
const TAG_LEN = 16;
const HEADER_LEN = 16 + 1 + TAG_LEN; // iv ‖ direction ‖ previous tag
const POOL_SIZE = 4096;

/** Keyed HMAC-SHA256 with the key schedule done once. */
class PrecomputedHmac {
  private readonly inner: crypto.Hash;
  private readonly outer: crypto.Hash;

  constructor(key: Buffer) {
    const block = Buffer.alloc(64);
    // Keys longer than the block are hashed first (RFC 2104); ours are 32 bytes.
    (key.length > 64 ? crypto.createHash('sha256').update(key).digest() : key).copy(block);
    const ipad = Buffer.allocUnsafe(64);
    const opad = Buffer.allocUnsafe(64);
    for (let i = 0; i < 64; i++) {
      ipad[i] = block[i]! ^ 0x36;
      opad[i] = block[i]! ^ 0x5c;
    }
    this.inner = crypto.createHash('sha256').update(ipad);
    this.outer = crypto.createHash('sha256').update(opad);
  }

  /** HMAC(key, a ‖ b), full 32 bytes. */
  digest2(a: Buffer, b: Buffer): Buffer {
    const inner = this.inner.copy().update(a).update(b).digest();
    return this.outer.copy().update(inner).digest();
  }
}

/** One direction's chain: the CBC stream and the previous tag (kept inside the MAC header). */
interface Chain {
  /** iv ‖ direction ‖ last tag; the last 16 bytes are updated after every frame. */
  header: Buffer;
}

export class AesFrameCodec {
  private readonly mac: PrecomputedHmac;
  private readonly tx: crypto.Cipher;
  private readonly rx: crypto.Decipher;
  private readonly txChain: Chain;
  private readonly rxChain: Chain;
  private readonly padFiller: ((n: number) => Buffer) | undefined;
  private pool = Buffer.allocUnsafe(POOL_SIZE);
  private poolPos = POOL_SIZE;

  /** key: 32 raw bytes (the PSK), iv: 16 raw bytes. A new codec per connection (§2.2). */
  constructor(key: Buffer, iv: Buffer, role: CodecRole, options: AesFrameCodecOptions = {}) {
    if (!Buffer.isBuffer(key) || key.length !== 32) {
      throw new HomeConnectError('validation', 'The AES key must be 32 bytes long.');
    }
    if (!Buffer.isBuffer(iv) || iv.length !== 16) {
      throw new HomeConnectError('validation', 'The AES iv must be 16 bytes long.');
    }
    const { encKey, macKey } = deriveAesKeys(key);
    this.mac = new PrecomputedHmac(macKey);
    this.tx = crypto.createCipheriv('aes-256-cbc', encKey, iv).setAutoPadding(false);
    this.rx = crypto.createDecipheriv('aes-256-cbc', encKey, iv).setAutoPadding(false);
    const txDir = role === 'client' ? DIR_CLIENT : DIR_APPLIANCE;
    const rxDir = role === 'client' ? DIR_APPLIANCE : DIR_CLIENT;
    this.txChain = { header: makeHeader(iv, txDir) };
    this.rxChain = { header: makeHeader(iv, rxDir) };
    this.padFiller = options.padFiller;
  }

  /** Encrypts one message into a frame `ct ‖ tag`. Advances the send chain. */
  encrypt(plain: Buffer | string): Buffer {
    const src = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
    const n = src.length;
    const padLen = padLength(n);
    const padded = Buffer.allocUnsafe(n + padLen);
    src.copy(padded, 0);
    padded[n] = 0x00;
    this.fill(padded, n + 1, padLen - 2);
    padded[n + padLen - 1] = padLen;
    const ct = this.tx.update(padded);
    const header = this.txChain.header;
    const full = this.mac.digest2(header, ct);
    full.copy(header, HEADER_LEN - TAG_LEN, 0, TAG_LEN);
    return Buffer.concat([ct, full.subarray(0, TAG_LEN)], ct.length + TAG_LEN);
  }

  /**
   * Verifies and decrypts one frame; returns the plaintext bytes without padding.
   * Throws CodecError; on a bad tag the receive chain is left unchanged.
   */
  decrypt(frame: Buffer): Buffer {
    const len = frame.length;
    if (len < 32 || len % 16 !== 0) {
      throw new CodecError('length', `Encrypted frame has an invalid length (${len} bytes).`);
    }
    const ct = frame.subarray(0, len - TAG_LEN);
    const tag = frame.subarray(len - TAG_LEN);
    const header = this.rxChain.header;
    const expected = this.mac.digest2(header, ct).subarray(0, TAG_LEN);
    if (!crypto.timingSafeEqual(expected, tag)) {
      throw new CodecError('mac', 'Encrypted frame failed the integrity check (HMAC mismatch).');
    }
    tag.copy(header, HEADER_LEN - TAG_LEN);
    const plain = this.rx.update(ct);
    const padLen = plain[plain.length - 1]!;
    if (padLen < 2 || padLen > plain.length) {
      throw new CodecError('padding', 'Encrypted frame has invalid padding.');
    }
    return plain.subarray(0, plain.length - padLen);
  }

  /** Writes `count` filler bytes at `at`, from the random pool unless a filler was given. */
  private fill(dst: Buffer, at: number, count: number): void {
    if (count === 0) return;
    if (this.padFiller) {
      const f = this.padFiller(count);
      f.copy(dst, at, 0, count);
      return;
    }
    if (this.poolPos + count > POOL_SIZE) {
      crypto.randomFillSync(this.pool);
      this.poolPos = 0;
    }
    this.pool.copy(dst, at, this.poolPos, this.poolPos + count);
    this.poolPos += count;
  }
}

function makeHeader(iv: Buffer, dir: number): Buffer {
  const h = Buffer.alloc(HEADER_LEN);
  iv.copy(h, 0);
  h[16] = dir;
  return h;
}
