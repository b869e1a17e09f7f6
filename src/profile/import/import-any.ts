/**
 * One entry point for "whatever the user has": sniffs ZIP vs JSON and picks the importer, or
 * walks a folder of downloads.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HomeConnectError, isHomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { isZip, unzipEntries } from '../zip';
import { importHcpyItems } from './hcpy-devices';
import { importIddfEntries, type IddfMeta } from './iddf-zip';
import { MAX_JSON_BYTES, parseJson } from './json-text';
import { isPlainObject } from '../../guards';
import { importProfileZip, profileJsonEntries } from './profile-zip';
import { bytesToText, rootElementName } from './profile-xml-check';
import { importRecordItems } from './record-file';

/** Imports a profile ZIP, cloud ZIP (needs meta.key), hcpy devices JSON or records JSON. */
export function importBuffer(data: Uint8Array, fileName: string, meta?: Partial<IddfMeta>): ApplianceRecord[] {
  if (isZip(data)) {
    const entries = unzipEntries(data, fileName);
    if (profileJsonEntries(entries, fileName).length > 0) return importProfileZip(data, fileName);
    const hasXml = [...entries.keys()].some((n) => n.endsWith('_DeviceDescription.xml'));
    if (!hasXml) {
      throw new HomeConnectError(
        'import',
        `${fileName} is a ZIP file but holds no Home Connect profile (no appliance JSON, no *_DeviceDescription.xml).`,
        {
          details: { file: fileName },
        },
      );
    }
    if (meta?.key === undefined) {
      throw new HomeConnectError(
        'import',
        `${fileName} is a cloud profile ZIP without keys; give the appliance's key (and iv for AES appliances) to import it.`,
        { details: { file: fileName } },
      );
    }
    return [importIddfEntries(entries, fileName, { ...meta, key: meta.key })];
  }
  if (/\.zip$/i.test(fileName)) {
    throw new HomeConnectError('import', `${fileName} is not a readable ZIP file (it does not start like one).`, {
      details: { file: fileName },
    });
  }
  if (data.length > MAX_JSON_BYTES) {
    throw new HomeConnectError(
      'import',
      `${fileName} is too large for a profile file (${data.length} bytes; JSON files up to ${MAX_JSON_BYTES} are read).`,
      {
        details: { file: fileName },
      },
    );
  }
  const text = bytesToText(data);
  const first = text.trimStart().charAt(0);
  if (first === '[' || first === '{') {
    const parsed = parseJson(text, fileName);
    return looksLikeHcpy(parsed) ? importHcpyItems(parsed, fileName) : importRecordItems(parsed, fileName);
  }
  const root = rootElementName(text);
  if (root !== undefined) {
    throw new HomeConnectError(
      'import',
      `${fileName} is a single XML file (<${root}>); import the ZIP that holds both profile XML files and the key instead.`,
      { details: { file: fileName } },
    );
  }
  throw new HomeConnectError('import', `${fileName} is neither a profile ZIP nor a JSON file.`, { details: { file: fileName } });
}

export interface ImportPathOptions {
  /**
   * In a folder, a file that is not a usable profile (an unrelated JSON, a broken download) is
   * passed here with the sentence why, and the other files are still imported; without it, any
   * such file fails the whole folder. Either way a folder with nothing usable fails.
   */
  onSkip?: (file: string, message: string) => void;
}

/** Imports a file, or every *.zip / *.json in a folder (later files win for the same haId). */
export async function importPath(target: string, options: ImportPathOptions = {}): Promise<ApplianceRecord[]> {
  const stat = await fs.stat(target).catch((e: NodeJS.ErrnoException) => {
    throw new HomeConnectError('import', `Cannot read ${target} (${e.code ?? 'error'}).`, { details: { file: target }, cause: e });
  });
  if (!stat.isDirectory()) return importBuffer(await readFile(target), path.basename(target));

  const names = (await fs.readdir(target)).filter((n) => /\.(zip|json)$/i.test(n) && !n.startsWith('.')).sort();
  if (names.length === 0) {
    throw new HomeConnectError('import', `The folder ${target} holds no .zip or .json files to import.`, { details: { file: target } });
  }
  const byHaId = new Map<string, ApplianceRecord>();
  const failures: Array<{ file: string; message: string }> = [];
  for (const name of names) {
    try {
      for (const r of importBuffer(await readFile(path.join(target, name)), name)) {
        byHaId.delete(r.haId);
        byHaId.set(r.haId, r);
      }
    } catch (e) {
      if (!isHomeConnectError(e)) throw e;
      failures.push({ file: name, message: e.message });
    }
  }
  const messages = failures.map((f) => f.message);
  if (failures.length > 0 && (byHaId.size === 0 || !options.onSkip)) {
    const what = byHaId.size === 0 ? `No file in ${target} could be imported:` : `Some files in ${target} could not be imported:`;
    throw new HomeConnectError('import', `${what} ${messages.join(' ')}`, { details: { file: target, failures: messages } });
  }
  for (const f of failures) options.onSkip?.(f.file, f.message);
  return [...byHaId.values()];
}

/** hcpy items carry `features`/`host`/`description` but none of our record-only fields. */
function looksLikeHcpy(parsed: unknown): boolean {
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.some(
    (i) =>
      isPlainObject(i) && !('connectionType' in i) && !('deviceDescription' in i) && ('features' in i || 'host' in i || 'description' in i),
  );
}

/** No import reads more than this from disk (ZIPs of a few hundred profiles stay far below). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function readFile(file: string): Promise<Uint8Array> {
  try {
    const size = (await fs.stat(file)).size;
    if (size > MAX_FILE_BYTES) {
      throw new HomeConnectError('import', `${path.basename(file)} is too large for a profile file (${size} bytes).`, {
        details: { file },
      });
    }
    return await fs.readFile(file);
  } catch (e) {
    if (isHomeConnectError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new HomeConnectError('import', `Cannot read ${file} (${code}).`, { details: { file }, cause: e });
  }
}
