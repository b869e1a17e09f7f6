/**
 * CLI error lines name the appliance once: the line starts with its name and address, so later
 * mentions in the connection's reason become "the appliance" / "this address".
 */
import type { ApplianceRecord } from '../profile/types';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "at <host[:port]>" up to (not including) the punctuation that ends the phrase. */
const AT_HOST = String.raw`(\[[^\]\s]*\](?::\d+)?|[^\s,;()]*[^\s,;().:])`;

/**
 * The connection's reason with the appliance named once: the line already starts with its name
 * and address, so later mentions ("The appliance at 10.0.0.5:443", "dishwasher (SIEMENS-…)")
 * become "the appliance" and "The address 10.0.0.5:443" becomes "this address".
 */
export function aboutIt(reason: string, record: ApplianceRecord): string {
  let text = reason
    .replace(new RegExp(String.raw`\bthe appliance at ${AT_HOST}`, 'gi'), 'the appliance')
    .replace(new RegExp(String.raw`\bthe address ${AT_HOST}`, 'gi'), 'this address');
  const names = [...(record.name ? [`${record.name} (${record.haId})`] : []), record.haId];
  for (const name of names) text = text.replace(new RegExp(escapeRegExp(name), 'gi'), 'the appliance');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A whole error sentence with the appliance named once: its first mention stays, later ones
 * (by label, haId or address) become "the appliance".
 */
export function nameOnce(text: string, record: ApplianceRecord): string {
  const label = record.name && record.name !== record.haId ? `${record.name} (${record.haId})` : record.haId;
  const mention = new RegExp(
    String.raw`${escapeRegExp(label)}|${label === record.haId ? '' : `${escapeRegExp(record.haId)}|`}\bthe appliance at ${AT_HOST}`,
    'gi',
  );
  let seen = false;
  return text.replace(mention, (m) => {
    if (!seen) {
      seen = true;
      return m;
    }
    return 'the appliance';
  });
}
