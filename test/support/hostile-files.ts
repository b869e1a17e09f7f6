/**
 * Hostile files for the import paths (issue: bounded ZIPs and parsers). Each builder returns
 * the bytes and the file name tests use; ZIPs are assembled by hand so their central
 * directories can lie.
 */
import { deflateRawSync } from 'zlib';
import { TEST_KEY, minimalDeviceDescription, minimalFeatureMapping, profileZip } from './fixture-zips';

export interface HostileFile {
  name: string;
  data: Uint8Array;
  /** The problem the one-sentence refusal must name (regex on the message). */
  problem: RegExp;
}

interface RawEntry {
  name: string;
  /** Bytes written after the local header (deflated unless method 0). */
  stored: Uint8Array;
  method: number;
  crc: number;
  /** Declared sizes (may lie). */
  size: number;
  compressedSize?: number;
  /** Local header offset override (for overlap); by default its own header. */
  offset?: number;
}

function localHeader(e: RawEntry): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.compressedSize ?? e.stored.length, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function centralHeader(e: RawEntry, offset: number): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x800, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.compressedSize ?? e.stored.length, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

function endRecord(count: number, cdSize: number, cdOffset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(Math.min(count, 0xffff), 8);
  h.writeUInt16LE(Math.min(count, 0xffff), 10);
  h.writeUInt32LE(cdSize, 12);
  h.writeUInt32LE(cdOffset, 16);
  return h;
}

/** Writes entries with their own local headers, then `extraCentral` central records pointing anywhere. */
function assemble(entries: RawEntry[], extraCentral: Array<{ entry: RawEntry; offset: number }> = []): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let pos = 0;
  for (const e of entries) {
    offsets.push(pos);
    const h = localHeader(e);
    parts.push(h, Buffer.from(e.stored));
    pos += h.length + e.stored.length;
  }
  const cdOffset = pos;
  const central = [
    ...entries.map((e, i) => centralHeader(e, e.offset ?? offsets[i])),
    ...extraCentral.map((x) => centralHeader(x.entry, x.offset)),
  ];
  const cd = Buffer.concat(central);
  return Buffer.concat([...parts, cd, endRecord(central.length, cd.length, cdOffset)]);
}

function deflated(name: string, text: string | Buffer, declared?: number): RawEntry {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, stored: deflateRawSync(bytes), method: 8, crc: crc32(bytes), size: declared ?? bytes.length };
}

/** 20 000 central records naming one deflate stream of 64 MB zeros (declared small). */
export function overlappingZip(entries = 20000): HostileFile {
  const bomb = deflated('a_DeviceDescription.xml', Buffer.alloc(64 * 1024 * 1024), 1000);
  const extra = Array.from({ length: entries - 1 }, (_, i) => ({ entry: { ...bomb, name: `x${i}.xml` }, offset: 0 }));
  return { name: 'overlap.zip', data: assemble([bomb], extra), problem: /overlap|more than the \d+/ };
}

/** The same, within the entry cap: only the overlap check can refuse it. */
export function duplicateOffsetZip(): HostileFile {
  const one = deflated('a.json', '{"haId":"A","key":"' + TEST_KEY + '"}');
  return { name: 'dup.zip', data: assemble([one], [{ entry: { ...one, name: 'b.json' }, offset: 0 }]), problem: /overlap/ };
}

/** An end record pointing at a ZIP64 record that declares 4 294 967 295 entries. */
export function zip64CountZip(): HostileFile {
  const z = Buffer.alloc(56);
  z.writeUInt32LE(0x06064b50, 0);
  z.writeBigUInt64LE(44n, 4);
  z.writeBigUInt64LE(4294967295n, 24);
  z.writeBigUInt64LE(4294967295n, 32);
  z.writeBigUInt64LE(0n, 40);
  z.writeBigUInt64LE(0n, 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(4n, 8);
  loc.writeUInt32LE(1, 16);
  const end = endRecord(0xffff, 0xffffffff, 0xffffffff);
  // Starts like a local header so isZip() picks the ZIP path.
  const lead = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  return { name: 'zip64.zip', data: Buffer.concat([lead, z, loc, end]), problem: /4294967295 entries/ };
}

/** A profile-looking entry that declares 1 000 bytes and inflates to 64 MB of zeros. */
export function lyingSizeZip(): HostileFile {
  const json = deflated('a.json', JSON.stringify({ haId: 'A', key: TEST_KEY }));
  const bomb = deflated('A_DeviceDescription.xml', Buffer.alloc(64 * 1024 * 1024), 1000);
  return {
    name: 'lying.zip',
    data: assemble([json, bomb]),
    problem: /A_DeviceDescription\.xml inflates to more than its declared 1000 bytes/,
  };
}

/**
 * Declares a 1 GB entry followed by a small one: the refusal must name the big entry, not the
 * last one whose running total was over the limit.
 */
export function tooLargeEntryZip(): HostileFile {
  const small = deflated('small.json', '{}');
  const big = deflated('huge_DeviceDescription.xml', 'x', 1024 * 1024 * 1024);
  return { name: 'big.zip', data: assemble([big, small]), problem: /huge_DeviceDescription\.xml is too large/ };
}

/** A raw cloud ZIP whose DeviceDescription opens `<description>` 64 000 times and never closes it. */
export function descriptionFloodZip(): HostileFile {
  const dd = '<device>' + '<description>'.repeat(64000);
  const data = profileZip({ deviceDescription: dd });
  return { name: 'flood.zip', data, problem: /flood\.zip/ };
}

/** The same flood as a raw IDDF ZIP (the path that reads the description). */
export function descriptionFloodIddf(): { name: string; data: Uint8Array } {
  return { name: 'flood-iddf.zip', data: iddf('<device>' + '<description>'.repeat(64000)) };
}

function iddf(dd: string): Uint8Array {
  const a = deflated('012345678901234567_DeviceDescription.xml', dd);
  const b = deflated('012345678901234567_FeatureMapping.xml', minimalFeatureMapping());
  return assemble([a, b]);
}

/** A records JSON nested 200 000 deep. */
export function deepJson(depth = 200000): HostileFile {
  return { name: 'deep.json', data: Buffer.from('['.repeat(depth) + ']'.repeat(depth)), problem: /nested more than/ };
}

/** An hcpy devices.json whose features are nested 200 000 deep. */
export function deepFeaturesJson(depth = 200000): HostileFile {
  const body = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const text = `[{"name":"x","host":"BOSCH-WAT-012345678901234567","key":"${TEST_KEY}","description":{"type":"Washer","brand":"BOSCH"},"features":${body}}]`;
  return { name: 'deep-features.json', data: Buffer.from(text), problem: /nested more than/ };
}

/** An hcpy devices.json with one appliance of 1 000 000 features. */
export function millionFeaturesJson(count = 1000000): HostileFile {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) parts.push(`"${i}":{"name":"F${i}"}`);
  const text = `[{"name":"x","host":"BOSCH-WAT-012345678901234567","key":"${TEST_KEY}","description":{"type":"Washer","brand":"BOSCH"},"features":{${parts.join(',')}}}]`;
  return { name: 'devices.json', data: Buffer.from(text), problem: /too large|more than/ };
}

/** A profile ZIP whose DeviceDescription is 30 MB of XML. */
export function hugeXmlZip(bytes = 30 * 1024 * 1024): HostileFile {
  const unit = '<status uid="0001" refCID="01" refDID="00" access="read" available="true"/>';
  const dd = '<device><statusList>' + unit.repeat(Math.ceil(bytes / unit.length)) + '</statusList></device>';
  return {
    name: 'huge-xml.zip',
    data: profileZip({ deviceDescription: dd, featureMapping: minimalFeatureMapping() }),
    problem: /too large/,
  };
}

export { minimalDeviceDescription };

let table: Int32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
