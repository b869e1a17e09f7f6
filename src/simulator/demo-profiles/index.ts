/** The two demo appliances (dishwasher over TLS, washer over AES) used by the simulator, demo and tests. */
import type { ApplianceRecord } from '../../profile/types';
import { demoDishwasher } from './dishwasher';
import { demoWasher } from './washer';

export { demoDishwasher, dishwasherDeviceDescription, dishwasherFeatureMapping } from './dishwasher';
export { demoWasher, washerDeviceDescription, washerFeatureMapping } from './washer';

/** Fresh copies of both demo records, so callers may change host/name without affecting others. */
export function demoRecords(): ApplianceRecord[] {
  return [{ ...demoDishwasher }, { ...demoWasher }];
}
