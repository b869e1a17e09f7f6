// Canned reply payloads of the simulator (device info, network info): fixed facts derived from the record.
import * as crypto from 'crypto';
import type { ApplianceProfile } from '../profile';
import type { ApplianceRecord } from '../profile/types';

/** Appliance "type" code of ci v1 /ci/info (32 = DISHWASHER, protocol.md §3.5); other codes are not known. */
const CI1_TYPE_CODES: Record<string, number> = { Dishwasher: 32 };

/** The record's MAC as 12 upper-case hex digits, or a stable one derived from the haId. */
export function macHex(record: ApplianceRecord): string {
  const given = (record.mac ?? '').replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (given.length === 12) return given;
  return '68A40E' + crypto.createHash('sha256').update(record.haId).digest('hex').slice(0, 6).toUpperCase();
}

export function deviceInfo(r: ApplianceRecord, profile: ApplianceProfile, kind: 'ci1' | 'ci' | 'iz'): Record<string, unknown> {
  const d = profile.description;
  const brand = r.brand || d.brand || 'BOSCH';
  const vib = r.vib || d.model || 'SIM0001';
  const type = r.type || d.type || 'Appliance';
  const hash = crypto.createHash('sha256').update(`simulator:${r.haId}`).digest('hex');
  const info: Record<string, unknown> = {
    deviceID: r.haId,
    eNumber: `${vib}/01`,
    brand,
    vib,
    mac: macHex(r).replace(/(..)(?!$)/g, '$1-'),
    haVersion: '1.4',
    swVersion: '3.6.6.20240110103411',
    hwVersion: '2.0.0.2',
    deviceType: kind === 'ci1' ? (CI1_TYPE_CODES[type] ?? 0) : type,
    deviceInfo: kind === 'ci1' ? type.toUpperCase() : '',
    customerIndex: kind === 'ci1' ? 1 : '1',
    serialNumber:
      r.serialNumber ??
      String(BigInt('0x' + hash.slice(0, 15)))
        .padStart(18, '0')
        .slice(0, 18),
    fdString: '9907',
    shipSki: hash.slice(16, 56),
  };
  if (kind === 'ci') info.wifiInterfaces = 1;
  return info;
}

export function networkInfo(record: ApplianceRecord, listenHost: string): Record<string, unknown> {
  return {
    interfaceID: 0,
    type: 'WiFi',
    ssid: 'HomeNetwork',
    rssi: -52,
    primary: true,
    status: 'CONNECTED',
    configured: true,
    euiAddress: macHex(record)
      .replace(/(..)(?!$)/g, '$1:')
      .toLowerCase(),
    ipV4: { ipAddress: listenHost, prefixSize: 24, gateway: '', dnsServer: '' },
    ipV6: { ipAddress: '', prefixSize: 64, gateway: '', dnsServer: '' },
  };
}
