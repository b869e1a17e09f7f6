/**
 * Thin wrapper over fflate: ZIP bytes <-> a map of entry name to bytes. Profile ZIPs are tiny
 * (two XML files and a JSON), so everything is synchronous and in memory; size limits keep a
 * hostile archive from exhausting memory.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { HomeConnectError, errorMessage } from '../errors';

/** Largest single entry we inflate; real DeviceDescriptions are ~150 kB. */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/** True when the bytes start with a ZIP local file header (PK\x03\x04) or empty-archive marker. */
export function isZip(data: Uint8Array): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    ((data[2] === 0x03 && data[3] === 0x04) || (data[2] === 0x05 && data[3] === 0x06))
  );
}

/**
 * Unzips to a Map of entry name -> bytes. Directory entries and macOS resource forks
 * (`__MACOSX/`, `._*`) are skipped. `fileName` only names the archive in error messages.
 */
export function unzipEntries(data: Uint8Array, fileName: string): Map<string, Uint8Array> {
  let total = 0;
  let tooBig: string | undefined;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(data, {
      filter: (info) => {
        if (info.name.endsWith('/') || isJunkEntry(info.name)) return false;
        total += info.originalSize;
        if (info.originalSize > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) {
          tooBig = info.name;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new HomeConnectError('import', `${fileName} is not a readable ZIP file (${zipReason(e)}).`, {
      details: { file: fileName },
      cause: e,
    });
  }
  if (tooBig !== undefined) {
    throw new HomeConnectError('import', `${fileName} holds an entry that is too large to be a profile (${tooBig}).`, {
      details: { file: fileName, entry: tooBig },
    });
  }
  return new Map(Object.entries(unzipped));
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

function zipReason(e: unknown): string {
  const msg = errorMessage(e);
  return msg.length > 0 && msg.length < 120 ? msg : 'corrupt archive';
}
