/**
 * ZIP bytes <-> a map of entry name to bytes; the one reader for every path (imports, CLI,
 * cloud download). Profile ZIPs are tiny (two XML files and a JSON), so everything is synchronous
 * and in memory. Nothing an archive declares is trusted: the central directory is read by hand,
 * entry counts are capped before looping, entries must not share or overlap their bytes, and each
 * entry is inflated with a hard output limit equal to its declared size.
 */
import { inflateRawSync } from 'zlib';
import { zipSync, type Zippable } from 'fflate';
import { HomeConnectError } from '../errors';

/** Largest single entry we inflate; real DeviceDescriptions are ~150 kB. */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
/** All entries together (a folder of a few hundred profiles fits). */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** A profile ZIP has a handful of entries; a ZIP of a folder of them a few hundred. */
export const MAX_ENTRIES = 1000;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True when the bytes start with a ZIP local file header (PK\x03\x04) or empty-archive marker. */
export function isZip(data: Uint8Array): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    ((data[2] === 0x03 && data[3] === 0x04) || (data[2] === 0x05 && data[3] === 0x06))
  );
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** Where the compressed bytes start (after the local header). */
  dataStart: number;
}

class ZipProblem extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

/**
 * Unzips to a Map of entry name -> bytes. Directory entries and macOS resource forks
 * (`__MACOSX/`, `._*`) are skipped. `fileName` only names the archive in error messages.
 * Throws HomeConnectError('import') with one sentence naming the file (and entry) and the problem.
 */
export function unzipEntries(data: Uint8Array, fileName: string): Map<string, Uint8Array> {
  try {
    return readZip(data);
  } catch (e) {
    if (!(e instanceof ZipProblem)) throw e;
    return fail(fileName, e.message, e.entry);
  }
}

function fail(fileName: string, problem: string, entry?: string): never {
  throw new HomeConnectError('import', `${fileName} is not a readable ZIP file (${problem}).`, {
    details: entry === undefined ? { file: fileName } : { file: fileName, entry },
  });
}

function readZip(data: Uint8Array): Map<string, Uint8Array> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const end = findEndRecord(buf);
  let count = buf.readUInt16LE(end + 10);
  let cdSize = buf.readUInt32LE(end + 12);
  let cdOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = end - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) throw new ZipProblem('ZIP64 locator missing');
    const z = safeNumber(buf.readBigUInt64LE(loc + 8));
    if (z < 0 || z + 56 > buf.length || buf.readUInt32LE(z) !== ZIP64_EOCD) throw new ZipProblem('ZIP64 directory record missing');
    // Refuse absurd counts before looping over anything.
    const count64 = buf.readBigUInt64LE(z + 32);
    if (count64 > BigInt(MAX_ENTRIES))
      throw new ZipProblem(`it declares ${count64} entries, more than the ${MAX_ENTRIES} a profile archive may hold`);
    count = Number(count64);
    cdSize = safeNumber(buf.readBigUInt64LE(z + 40));
    cdOffset = safeNumber(buf.readBigUInt64LE(z + 48));
  }
  if (count > MAX_ENTRIES) throw new ZipProblem(`it declares ${count} entries, more than the ${MAX_ENTRIES} a profile archive may hold`);
  if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > buf.length) throw new ZipProblem('central directory outside the file');

  const entries: CentralEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== CENTRAL) throw new ZipProblem('central directory truncated');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let offset = buf.readUInt32LE(p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdOffset + cdSize) throw new ZipProblem('central directory truncated');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 extended information (header id 1): only the fields that overflowed, in this order.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 1) {
          let f = e + 4;
          const take = (): number => {
            if (f + 8 > e + 4 + len) throw new ZipProblem('ZIP64 sizes missing', name);
            const v = safeNumber(buf.readBigUInt64LE(f));
            f += 8;
            return v;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (offset === 0xffffffff) offset = take();
          break;
        }
        e += 4 + len;
      }
    }
    p = next;
    if (size < 0 || compressedSize < 0 || offset < 0) throw new ZipProblem('impossible sizes', name);
    if (offset + 30 > cdOffset || buf.readUInt32LE(offset) !== LOCAL) throw new ZipProblem(`entry ${name} has no local header`, name);
    const dataStart = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    if (dataStart + compressedSize > cdOffset) throw new ZipProblem(`entry ${name} runs past the end of the data`, name);
    if (name.endsWith('/') || isJunkEntry(name)) {
      entries.push({ name, method, flags, crc, compressedSize, size, offset, dataStart });
      continue;
    }
    if (size > MAX_ENTRY_BYTES) throw new ZipProblem(`entry ${name} is too large to be a profile (${size} bytes)`, name);
    total += size;
    if (total > MAX_TOTAL_BYTES)
      throw new ZipProblem(`entry ${name} takes the content past ${MAX_TOTAL_BYTES} bytes, too much for profiles`, name);
    if (flags & 1) throw new ZipProblem(`entry ${name} is encrypted`, name);
    if (method !== 0 && method !== 8)
      throw new ZipProblem(`entry ${name} uses compression method ${method}; only stored and deflate are read`, name);
    entries.push({ name, method, flags, crc, compressedSize, size, offset, dataStart });
  }

  // Each entry owns its byte range: no duplicate or overlapping local headers (the "one stream,
  // many entries" bomb).
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    const cur = byOffset[i];
    if (cur.offset < prev.dataStart + prev.compressedSize) {
      throw new ZipProblem(`entries ${prev.name} and ${cur.name} overlap`, cur.name);
    }
  }

  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.name.endsWith('/') || isJunkEntry(entry.name)) continue;
    out.set(entry.name, inflateEntry(buf, entry));
  }
  return out;
}

function inflateEntry(buf: Buffer, entry: CentralEntry): Uint8Array {
  const raw = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let content: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipProblem(`entry ${entry.name} declares two different sizes`, entry.name);
    content = Buffer.from(raw);
  } else {
    try {
      // Hard output limit: one byte past the declared size is enough to know it lies.
      content = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        throw new ZipProblem(`entry ${entry.name} inflates to more than its declared ${entry.size} bytes`, entry.name);
      }
      throw new ZipProblem(`entry ${entry.name} is corrupt`, entry.name);
    }
  }
  if (content.length !== entry.size) {
    throw new ZipProblem(`entry ${entry.name} inflates to ${content.length} bytes, not its declared ${entry.size}`, entry.name);
  }
  if (crc32(content) !== entry.crc) throw new ZipProblem(`entry ${entry.name} fails its checksum`, entry.name);
  return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
}

/** The end-of-central-directory record: within the last 64 kB + 22 bytes (comment at most 65535). */
function findEndRecord(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipProblem('no central directory found');
}

function safeNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(v);
}

let crcTable: Int32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Builds a ZIP (deflate) from entries; strings are stored as UTF-8. */
export function zipEntries(entries: Iterable<[string, Uint8Array | string]>, mtime: Date = new Date()): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of entries) {
    files[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return zipSync(files, { level: 6, mtime });
}

function isJunkEntry(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return name.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store';
}
