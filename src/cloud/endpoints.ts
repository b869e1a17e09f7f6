/**
 * Constants of the Home Connect mobile app's OAuth client and the per-region hosts
 * (protocol.md §5.1). Hosts can be overridden by environment variables so tests and
 * people behind a proxy never have to reach the real cloud.
 */

export type CloudRegion = 'EU' | 'NA' | 'CN';

export const CLOUD_REGIONS: readonly CloudRegion[] = ['EU', 'NA', 'CN'];

/** The Home Connect app's own OAuth client id (public developer clients lack the needed scopes). */
export const APP_CLIENT_ID = '9B75AC9EC512F36C84256AC47D813E2C1DD0D6520DF774B020E1E6E2EB29B1F3';

export const REDIRECT_URI = 'hcauth://auth/prod';

/** The app's full scope list, space-separated when sent (protocol.md §5.1). */
export const APP_SCOPES: readonly string[] = [
  'Control',
  'DeleteAppliance',
  'IdentifyAppliance',
  'Images',
  'Monitor',
  'ReadAccount',
  'ReadOrigApi',
  'Settings',
  'WriteAppliance',
  'WriteOrigApi',
];

export const API_URL_ENV = 'HOMECONNECT_LOCAL_API_URL';
export const ASSET_URL_ENV = 'HOMECONNECT_LOCAL_ASSET_URL';

const HOSTS: Record<CloudRegion, { api: string; asset: string }> = {
  EU: { api: 'https://api.home-connect.com', asset: 'https://eu.services.home-connect.com' },
  NA: { api: 'https://api-rna.home-connect.com', asset: 'https://na.services.home-connect.com' },
  CN: { api: 'https://api.home-connect.cn', asset: 'https://cn.services.home-connect.cn' },
};

export interface CloudEndpoints {
  /** Authorize and token host. */
  api: string;
  /** Appliance list, keys and IDDF ZIP host. */
  asset: string;
}

export function isCloudRegion(value: unknown): value is CloudRegion {
  return typeof value === 'string' && (CLOUD_REGIONS as readonly string[]).includes(value);
}

function override(value: string | undefined): string | undefined {
  const trimmed = value?.trim().replace(/\/+$/, '');
  return trimmed ? trimmed : undefined;
}

/** Hosts for a region; env HOMECONNECT_LOCAL_API_URL / HOMECONNECT_LOCAL_ASSET_URL override them. */
export function cloudEndpoints(region: CloudRegion, env: Record<string, string | undefined> = process.env): CloudEndpoints {
  // Unknown regions fall back to EU rather than crash on a bad config value.
  const base = HOSTS[region] ?? HOSTS.EU;
  return {
    api: override(env[API_URL_ENV]) ?? base.api,
    asset: override(env[ASSET_URL_ENV]) ?? base.asset,
  };
}
