/**
 * Builds import fixture ZIPs at test time from text (no binary blobs in the repo). Uses fflate
 * directly, not src/profile/zip.ts, so the code under test does not build its own inputs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { zipSync } from 'fflate';
import { fixturesDir } from './paths';

/** Fake key material (bytes 0x11.. / 0x22.. / 0x33..), base64url without padding. */
export const TEST_KEY = Buffer.alloc(32, 0x11).toString('base64url');
export const TEST_KEY_2 = Buffer.alloc(32, 0x22).toString('base64url');
export const TEST_IV = Buffer.alloc(16, 0x33).toString('base64url');

export function importFixturePath(name: string): string {
  return path.join(fixturesDir, 'import', name);
}

export function importFixtureText(name: string): string {
  return fs.readFileSync(importFixturePath(name), 'utf8');
}

export const minimalDeviceDescription = (): string => importFixtureText('minimal_DeviceDescription.xml');
export const minimalFeatureMapping = (): string => importFixtureText('minimal_FeatureMapping.xml');

/** ZIP from name -> text/bytes. */
export function buildZip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  }
  return zipSync(files, { level: 6, mtime: new Date('2025-01-07T10:34:30Z') });
}

export interface ProfileZipOptions {
  haId?: string;
  /** Fields merged into the downloader JSON; `undefined` values remove a field. */
  json?: Record<string, unknown>;
  deviceDescription?: string | Uint8Array;
  featureMapping?: string | Uint8Array;
  /** Entry names to leave out. */
  omit?: string[];
  /** Extra entries. */
  extra?: Record<string, string | Uint8Array>;
}

/** A ZIP in the profile downloader's layout (protocol.md §5.5). */
export function profileZip(opts: ProfileZipOptions = {}): Uint8Array {
  const haId = opts.haId ?? 'TESTBRAND-TST1000-68A40E000001';
  const json: Record<string, unknown> = {
    haId,
    type: 'Dishwasher',
    serialNumber: '012345678901234567',
    brand: 'TESTBRAND',
    vib: 'TST1000',
    mac: '68-A4-0E-00-00-01',
    featureMappingFileName: `${haId}_FeatureMapping.xml`,
    deviceDescriptionFileName: `${haId}_DeviceDescription.xml`,
    created: '2025-01-07T11:34:30.833000000+01:00',
    connectionType: 'TLS',
    key: TEST_KEY,
  };
  for (const [k, v] of Object.entries(opts.json ?? {})) {
    if (v === undefined) delete json[k];
    else json[k] = v;
  }
  const entries: Record<string, string | Uint8Array> = {
    [`${haId}.json`]: JSON.stringify(json, null, 2),
    [`${haId}_DeviceDescription.xml`]: opts.deviceDescription ?? minimalDeviceDescription(),
    [`${haId}_FeatureMapping.xml`]: opts.featureMapping ?? minimalFeatureMapping(),
    ...(opts.extra ?? {}),
  };
  for (const name of opts.omit ?? []) delete entries[name];
  return buildZip(entries);
}

/** The raw cloud ZIP: only the two XML files. */
export function iddfZip(haId = '012345678901234567', dd?: string, fm?: string): Uint8Array {
  return buildZip({
    [`${haId}_DeviceDescription.xml`]: dd ?? minimalDeviceDescription(),
    [`${haId}_FeatureMapping.xml`]: fm ?? minimalFeatureMapping(),
  });
}

/** First bytes of a PNG: a file of the wrong kind. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
}

/** Asserts `fn` throws HomeConnectError('import') whose message matches and never contains a key. */
export function assertImportError(fn: () => unknown, message: RegExp, secrets: string[] = [TEST_KEY, TEST_KEY_2, TEST_IV]): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assertImportErrorValue(thrown, message, secrets);
}

/** Same for a rejected promise. */
export async function assertImportRejects(p: Promise<unknown>, message: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    await p;
  } catch (e) {
    thrown = e;
  }
  assertImportErrorValue(thrown, message, [TEST_KEY, TEST_KEY_2, TEST_IV]);
}

function assertImportErrorValue(thrown: unknown, message: RegExp, secrets: string[]): void {
  const e = thrown as { name?: string; kind?: string; message?: string } | undefined;
  if (e === undefined) throw new Error(`expected an import error matching ${message}, nothing was thrown`);
  if (e.name !== 'HomeConnectError' || e.kind !== 'import') {
    throw new Error(`expected HomeConnectError('import'), got ${e.name}/${e.kind}: ${e.message}`);
  }
  if (!message.test(e.message ?? '')) throw new Error(`message ${JSON.stringify(e.message)} does not match ${message}`);
  for (const s of secrets) {
    if ((e.message ?? '').includes(s) || JSON.stringify(e).includes(s)) throw new Error('error leaks key material');
  }
}
