/**
 * AES frame codec of the "AES" websocket transport (protocol.md §2): AES-256-CBC as one
 * stream per direction, custom 2..17-byte padding, and a chained HMAC-SHA256 tag truncated
 * to 16 bytes. Works on bytes only; JSON is the session layer's business.
 *
 * Speed notes (test/bench/codec.bench.ts, test/bench/receive-path.bench.ts): the HMAC is two one-shot
 * crypto.hash calls over buffers that already hold the ipad/opad key blocks (measured cheaper
 * than both createHmac and Hash.copy() of precomputed states, which costs as much as a fresh
 * createHmac). Each MAC chain stages the ciphertext behind its fixed header in one reused
 * buffer whose views are cached per block count, so a frame costs no Buffer views; pad filler
 * comes from a 4 KiB random pool.
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

type OneShotHash = (algorithm: string, data: Buffer, outputEncoding: 'latin1') => string;
/**
 * crypto.hash (Node ≥ 20.12) is a single native call. Its 'latin1' string output is about
 * twice as fast as 'buffer' output (measured), and latin1 maps bytes 0..255 one to one.
 */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;
// Bound once: the CommonJS namespace object reaches each export through a getter.
const { createHmac, createCipheriv, createDecipheriv, randomFillSync, timingSafeEqual } = crypto;

const DIR_CLIENT = 0x45; // 'E': frames written by the client
const DIR_APPLIANCE = 0x43; // 'C': frames written by the appliance
const TAG_LEN = 16;
/** MAC input prefix: ipad-key block (64) ‖ iv (16) ‖ direction (1) ‖ previous tag (16). */
const PREFIX = 64 + 16 + 1 + TAG_LEN;
const LAST_TAG_AT = PREFIX - TAG_LEN;
const POOL_SIZE = 4096;
/** Staging buffers grow up to this many data bytes; a bigger (rare) frame uses a one-off buffer. */
const KEEP_MAX = 16 * 1024;
const REPLACEMENT_CHAR = '\ufffd';
const BOM = 0xfeff;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

type EncodingWrite = (this: Buffer, text: string, offset: number, length: number) => number;
/**
 * Buffer#latin1Write / #utf8Write are what Buffer#write(text, offset, length, encoding) ends
 * up calling, without the argument and encoding dispatch in between (measured ~4% of a
 * decrypt). Falls back to write() should a Node version not have them.
 */
function encodingWrite(encoding: 'latin1' | 'utf8'): EncodingWrite {
  const direct = (Buffer.prototype as unknown as Record<string, EncodingWrite | undefined>)[`${encoding}Write`];
  return typeof direct === 'function'
    ? direct
    : function (this: Buffer, text: string, offset: number, length: number): number {
        return this.write(text, offset, length, encoding);
      };
}
const latin1Write = encodingWrite('latin1');
const utf8Write = encodingWrite('utf8');

/**
 * A reused staging buffer: `head` fixed bytes, then up to KEEP_MAX data bytes. Views of it are
 * cached per 16-byte block count, because creating a Buffer view costs about as much as
 * copying a small frame.
 */
class Stage {
  buf: Buffer;
  private whole: Buffer[] = [];
  private data: Buffer[] = [];
  private next: Buffer[] = [];

  constructor(
    private readonly head: number,
    initialData: number,
  ) {
    this.buf = Buffer.alloc(head + initialData);
  }

  /** Makes room for `n` data bytes; false when `n` is too large to keep around. */
  fits(n: number): boolean {
    if (this.head + n <= this.buf.length) return true;
    if (n > KEEP_MAX) return false;
    const bigger = Buffer.alloc(this.head + Math.min(KEEP_MAX, Math.max(n, 2 * (this.buf.length - this.head))));
    this.buf.copy(bigger, 0, 0, this.head);
    this.buf = bigger;
    this.whole = [];
    this.data = [];
    this.next = [];
    return true;
  }

  /** buf[0, head + 16·blocks). Only after fits(16·blocks). */
  upTo(blocks: number): Buffer {
    return (this.whole[blocks] ??= this.buf.subarray(0, this.head + 16 * blocks));
  }

  /** buf[head, head + 16·blocks). Only after fits(16·blocks). */
  dataOf(blocks: number): Buffer {
    return (this.data[blocks] ??= this.buf.subarray(this.head, this.head + 16 * blocks));
  }

  /** The 16 bytes after dataOf(blocks). Only after fits(16·blocks + 16). */
  blockAfter(blocks: number): Buffer {
    const at = this.head + 16 * blocks;
    return (this.next[blocks] ??= this.buf.subarray(at, at + 16));
  }
}

/**
 * One direction's MAC chain. HMAC(k, m) = H(opad ‖ H(ipad ‖ m)); the ipad block and the fixed
 * header stay in front of the data so that the inner hash is one contiguous one-shot call.
 */
class MacChain {
  /** ipad block ‖ iv ‖ direction ‖ last tag ‖ staged frame. */
  private readonly work: Stage;
  /** opad block ‖ inner digest. */
  private readonly outer = Buffer.allocUnsafe(64 + 32);
  /** Receive side: the expected tag, compared in constant time. */
  private readonly expected = Buffer.alloc(TAG_LEN);
  private readonly macKey: Buffer;
  /** View of the last tag inside work.buf (renewed when that buffer grows). */
  private lastTag: Buffer;
  private tagOf: Buffer;

  constructor(macKey: Buffer, iv: Buffer, dir: number, initialData: number) {
    this.macKey = macKey;
    this.work = new Stage(PREFIX, initialData);
    const w = this.work.buf;
    for (let i = 0; i < 64; i++) {
      const k = i < macKey.length ? macKey[i] : 0;
      w[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
    iv.copy(w, 64);
    w[80] = dir;
    this.tagOf = w;
    this.lastTag = w.subarray(LAST_TAG_AT, PREFIX);
  }

  /** Writes the 16-byte tag of `input` = prefix ‖ data to dst[at..]. */
  private writeTag(input: Buffer, dst: Buffer, at: number): void {
    if (!oneShot) {
      createHmac('sha256', this.macKey).update(input.subarray(64)).digest().copy(dst, at, 0, TAG_LEN);
      return;
    }
    latin1Write.call(this.outer, oneShot('sha256', input, 'latin1'), 64, 32);
    latin1Write.call(dst, oneShot('sha256', this.outer, 'latin1'), at, TAG_LEN);
  }

  /** A one-off copy of prefix ‖ src[0, n) for frames too large to stage. */
  private oneOff(src: Buffer, n: number): Buffer {
    const input = Buffer.allocUnsafe(PREFIX + n);
    this.work.buf.copy(input, 0, 0, PREFIX);
    src.copy(input, PREFIX, 0, n);
    return input;
  }

  /** Builds the outgoing frame `ct ‖ tag` and advances the chain. */
  seal(ct: Buffer): Buffer {
    const n = ct.length;
    const work = this.work;
    let input: Buffer;
    if (work.fits(n)) {
      work.buf.set(ct, PREFIX);
      input = work.upTo(n >> 4);
    } else {
      input = this.oneOff(ct, n);
    }
    // The previous tag has been hashed: the new one takes its place directly.
    this.writeTag(input, work.buf, LAST_TAG_AT);
    if (this.tagOf !== work.buf) {
      this.tagOf = work.buf;
      this.lastTag = work.buf.subarray(LAST_TAG_AT, PREFIX);
    }
    const frame = Buffer.allocUnsafe(n + TAG_LEN);
    frame.set(ct, 0);
    frame.set(this.lastTag, n);
    return frame;
  }

  /**
   * Checks the tag of `frame` (ct ‖ tag, ct = first n bytes, n a multiple of 16). On success
   * advances the chain and returns the ciphertext (a view that is valid until the next call);
   * otherwise returns undefined and leaves the chain unchanged.
   */
  open(frame: Buffer, n: number): Buffer | undefined {
    const work = this.work;
    let input: Buffer;
    let ct: Buffer;
    let tag: Buffer;
    if (work.fits(n + TAG_LEN)) {
      // One whole-frame copy: range copies would each create a view.
      work.buf.set(frame, PREFIX);
      input = work.upTo(n >> 4);
      ct = work.dataOf(n >> 4);
      tag = work.blockAfter(n >> 4);
    } else {
      input = this.oneOff(frame, n);
      ct = input.subarray(PREFIX);
      tag = frame.subarray(n);
    }
    this.writeTag(input, this.expected, 0);
    if (!timingSafeEqual(this.expected, tag)) return undefined;
    work.buf.set(this.expected, LAST_TAG_AT);
    return ct;
  }
}

export class AesFrameCodec {
  private readonly tx: crypto.Cipher;
  private readonly rx: crypto.Decipher;
  private readonly txMac: MacChain;
  private readonly rxMac: MacChain;
  private readonly padFiller: ((n: number) => Buffer) | undefined;
  private readonly pool = Buffer.allocUnsafe(POOL_SIZE);
  private poolPos = POOL_SIZE;
  /** Padded plaintext of the frame being encrypted (cipher.update copies its input anyway). */
  private readonly stage = new Stage(0, 512);

  /** key: 32 raw bytes (the PSK), iv: 16 raw bytes. A new codec per connection (§2.2). */
  constructor(key: Buffer, iv: Buffer, role: CodecRole, options: AesFrameCodecOptions = {}) {
    if (!Buffer.isBuffer(key) || key.length !== 32) {
      throw new HomeConnectError('validation', 'The AES key must be 32 bytes long.');
    }
    if (!Buffer.isBuffer(iv) || iv.length !== 16) {
      throw new HomeConnectError('validation', 'The AES iv must be 16 bytes long.');
    }
    const { encKey, macKey } = deriveAesKeys(key);
    this.tx = createCipheriv('aes-256-cbc', encKey, iv).setAutoPadding(false);
    this.rx = createDecipheriv('aes-256-cbc', encKey, iv).setAutoPadding(false);
    const txDir = role === 'client' ? DIR_CLIENT : DIR_APPLIANCE;
    const rxDir = role === 'client' ? DIR_APPLIANCE : DIR_CLIENT;
    this.txMac = new MacChain(macKey, iv, txDir, 512);
    this.rxMac = new MacChain(macKey, iv, rxDir, 1024);
    this.padFiller = options.padFiller;
  }

  /** Encrypts one message into a frame `ct ‖ tag`. Advances the send chain. */
  encrypt(plain: Buffer | string): Buffer {
    const isText = typeof plain === 'string';
    const n = isText ? Buffer.byteLength(plain, 'utf8') : plain.length;
    const padLen = padLength(n);
    const total = n + padLen;
    let padded: Buffer;
    if (this.stage.fits(total)) padded = this.stage.upTo(total >> 4);
    else padded = Buffer.allocUnsafe(total);
    if (isText) utf8Write.call(padded, plain, 0, n);
    else padded.set(plain, 0);
    padded[n] = 0x00;
    this.fill(padded, n + 1, padLen - 2);
    padded[total - 1] = padLen;
    return this.txMac.seal(this.tx.update(padded));
  }

  /**
   * Verifies and decrypts one frame; returns the plaintext bytes without padding.
   * Throws CodecError; on a bad length or tag the receive chain is left unchanged.
   */
  decrypt(frame: Buffer): Buffer {
    const plain = this.openFrame(frame);
    return plain.subarray(0, plain.length - plain[plain.length - 1]);
  }

  /**
   * decrypt() followed by strict UTF-8 decoding, for a caller that only needs the text.
   * Returns undefined when the plaintext is not valid UTF-8 (the chain has advanced: the frame
   * itself was genuine). Throws CodecError like decrypt().
   */
  decryptToString(frame: Buffer): string | undefined {
    const plain = this.openFrame(frame);
    const end = plain.length - plain[plain.length - 1];
    // The lenient decoder is about twice as fast and marks every invalid sequence with
    // U+FFFD; only text containing U+FFFD needs the strict decoder to tell the two apart.
    const text = plain.toString('utf8', 0, end);
    if (!text.includes(REPLACEMENT_CHAR)) return text.charCodeAt(0) === BOM ? text.slice(1) : text; // as TextDecoder does
    try {
      return strictUtf8.decode(plain.subarray(0, end));
    } catch {
      return undefined;
    }
  }

  /** Verifies and decrypts; returns the padded plaintext, its padding already checked. */
  private openFrame(frame: Buffer): Buffer {
    const len = frame.length;
    if (len < 32 || len % 16 !== 0) {
      throw new CodecError('length', `Encrypted frame has an invalid length (${len} bytes).`);
    }
    const ct = this.rxMac.open(frame, len - TAG_LEN);
    if (ct === undefined) {
      throw new CodecError('mac', 'Encrypted frame failed the integrity check (HMAC mismatch).');
    }
    const plain = this.rx.update(ct);
    const padLen = plain[plain.length - 1];
    if (padLen < 2 || padLen > plain.length) {
      throw new CodecError('padding', 'Encrypted frame has invalid padding.');
    }
    return plain;
  }

  /** Writes `count` filler bytes at `at`, from the random pool unless a filler was given. */
  private fill(dst: Buffer, at: number, count: number): void {
    if (count === 0) return;
    if (this.padFiller) {
      this.padFiller(count).copy(dst, at, 0, count);
      return;
    }
    if (this.poolPos + count > POOL_SIZE) {
      randomFillSync(this.pool);
      this.poolPos = 0;
    }
    // At most 15 bytes: a loop is cheaper than the view a range copy creates.
    const pool = this.pool;
    let from = this.poolPos;
    for (let i = 0; i < count; i++) dst[at + i] = pool[from++]!;
    this.poolPos = from;
  }
}
