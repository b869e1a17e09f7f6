import { toLabelCatalogue } from '../src/appliance/labels';
import type { LabelCatalogue } from '../src/appliance/labels';
import type { RedAPI } from './red-types';
import { I18N } from './status';

/**
 * The label catalogue (homeconnect-local.labels in locales/<lang>/homeconnect-local.json) in
 * Node-RED's language setting, read through the runtime i18n so missing German entries fall
 * back to English like every other text. {} when the runtime cannot give it.
 */
export function runtimeLabels(RED: RedAPI): LabelCatalogue {
  try {
    const lang = (RED as unknown as { settings?: { lang?: unknown } }).settings?.lang;
    const options: Record<string, unknown> = { returnObjects: true };
    if (typeof lang === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(lang)) options.lng = lang;
    const raw: unknown = RED._(`${I18N}.labels`, options);
    return toLabelCatalogue(raw);
  } catch {
    return {};
  }
}
