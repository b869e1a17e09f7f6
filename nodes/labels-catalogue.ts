import * as fs from 'fs';
import * as path from 'path';
import { toLabelCatalogue } from '../src/appliance/labels';
import type { LabelCatalogue } from '../src/appliance/labels';
import type { RedAPI } from './red-types';
import { I18N } from './status';

/** locales/ of this package (dist/nodes/ → package root). */
const LOCALES = path.resolve(__dirname, '..', '..', 'locales');
const DEFAULT_LANG = 'en-US';
const LANG = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const MAX_CATALOGUE_BYTES = 2_000_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function settingsLang(RED: RedAPI): string | undefined {
  const lang = (RED as unknown as { settings?: { lang?: unknown } }).settings?.lang;
  return typeof lang === 'string' && LANG.test(lang) ? lang : undefined;
}

/** The labels section of one language's catalogue file, {} when it has none. */
function fileLabels(lang: string): { keys?: Record<string, unknown>; values?: Record<string, unknown> } {
  try {
    const file = path.join(LOCALES, lang, 'homeconnect-local.json');
    if (fs.statSync(file).size > MAX_CATALOGUE_BYTES) return {};
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const labels = isObject(json) && isObject(json[I18N]) ? json[I18N].labels : undefined;
    return isObject(labels) ? labels : {};
  } catch {
    return {};
  }
}

/**
 * The label catalogue (`homeconnect-local.labels` in locales/<lang>/homeconnect-local.json) in
 * Node-RED's language setting. Node-RED's i18n loads that file with the nodes, so RED._ gives
 * it (with English for missing entries); where RED._ gives no object (e.g. a runtime that does
 * not load node catalogues) the same files are read directly, English under the language.
 */
export function runtimeLabels(RED: RedAPI, requested?: unknown): LabelCatalogue {
  // An editor may ask for its own language (?lang=de); the runtime's setting otherwise.
  const lang = typeof requested === 'string' && LANG.test(requested) ? requested : settingsLang(RED);
  try {
    const options: Record<string, unknown> = { returnObjects: true };
    if (lang) options.lng = lang;
    const raw: unknown = RED._(`${I18N}.labels`, options);
    if (isObject(raw) && (isObject(raw.keys) || isObject(raw.values))) return toLabelCatalogue(raw);
  } catch {
    // fall through to the files
  }
  const base = fileLabels(DEFAULT_LANG);
  if (!lang || lang === DEFAULT_LANG) return toLabelCatalogue(base);
  const local = fileLabels(lang);
  const fallback = lang.includes('-') ? fileLabels(lang.split('-')[0]) : {};
  return toLabelCatalogue({
    keys: { ...base.keys, ...fallback.keys, ...local.keys },
    values: { ...base.values, ...fallback.values, ...local.values },
  });
}
