/**
 * The three service profiles real appliances advertise in GET /ci/services (protocol.md §3.4).
 * The set decides which resources exist (iz, ni) and which handshake the client must run.
 */

export type ServiceSetName = 'iz' | 'ci2' | 'legacy';

export interface ServiceVersion {
  service: string;
  version: number;
}

const SETS: Record<ServiceSetName, ServiceVersion[]> = {
  iz: [
    { service: 'ci', version: 3 },
    { service: 'ei', version: 2 },
    { service: 'iz', version: 1 },
    { service: 'ni', version: 1 },
    { service: 'ro', version: 1 },
  ],
  ci2: [
    { service: 'ci', version: 2 },
    { service: 'ei', version: 2 },
    { service: 'ni', version: 1 },
    { service: 'ro', version: 1 },
  ],
  legacy: [
    { service: 'ci', version: 1 },
    { service: 'ei', version: 1 },
    { service: 'ro', version: 1 },
  ],
};

export function isServiceSetName(v: unknown): v is ServiceSetName {
  return v === 'iz' || v === 'ci2' || v === 'legacy';
}

/** The /ci/services payload of a set, in the order appliances send it (fresh objects each call). */
export function serviceList(set: ServiceSetName): ServiceVersion[] {
  return SETS[set].map((s) => ({ service: s.service, version: s.version }));
}

/** Versions by service name, for request validation. */
export function serviceVersions(set: ServiceSetName): Map<string, number> {
  return new Map(SETS[set].map((s) => [s.service, s.version]));
}

/** deviceType the initialValues reply must carry for an `ei` version (§3.4). */
export function expectedDeviceType(eiVersion: number): string | number {
  return eiVersion >= 2 ? 'Application' : 2;
}
