/**
 * Our own storage form on disk: a JSON array of ApplianceRecords, or an object keyed by haId.
 * Records are re-validated on the way in, as they may have been edited by hand.
 */
import { HomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { parseJson } from './json-text';
import { isPlainObject } from '../../guards';
import { normalizeRecord } from './normalize-record';

/** Imports normalized records written by this package (or by hand). */
export function importRecordsJson(text: string, fileName: string): ApplianceRecord[] {
  return importRecordItems(parseJson(text, fileName), fileName);
}

/** Same as importRecordsJson for already parsed JSON. */
export function importRecordItems(parsed: unknown, fileName: string): ApplianceRecord[] {
  let items: Array<{ input: Record<string, unknown>; source: string }>;
  if (Array.isArray(parsed)) {
    items = parsed.map((item, i) => ({ input: asObject(item, `${fileName} (record ${i + 1})`), source: `${fileName} (record ${i + 1})` }));
  } else if (isPlainObject(parsed) && ('haId' in parsed || 'key' in parsed)) {
    items = [{ input: parsed, source: fileName }];
  } else if (isPlainObject(parsed) && Object.values(parsed).every(isPlainObject)) {
    items = Object.entries(parsed).map(([haId, item]) => {
      const source = `${fileName} (${haId})`;
      const input = asObject(item, source);
      return { input: { haId, ...input }, source };
    });
  } else {
    throw new HomeConnectError(
      'import',
      `${fileName} is not an appliance records file (expected a list of records or an object keyed by haId).`,
      { details: { file: fileName } },
    );
  }
  if (items.length === 0) {
    throw new HomeConnectError('import', `${fileName} holds no appliance records.`, { details: { file: fileName } });
  }
  return items.map(({ input, source }) => normalizeRecord(input, source));
}

function asObject(item: unknown, source: string): Record<string, unknown> {
  if (!isPlainObject(item)) throw new HomeConnectError('import', `${source} is not an object.`, { details: { source } });
  return item;
}
