/** The demo appliances (one of every common type) used by the simulator, `npm start`, the CLI and tests. */
import type { ApplianceRecord } from '../../profile/types';
import { demoCoffee } from './coffee';
import { demoDishwasher } from './dishwasher';
import { demoDryer } from './dryer';
import { demoFridge } from './fridge';
import { demoHob } from './hob';
import { demoHood } from './hood';
import { demoOven } from './oven';
import { demoWasher } from './washer';

export { demoDishwasher, dishwasherDeviceDescription, dishwasherFeatureMapping } from './dishwasher';
export { demoWasher, washerDeviceDescription, washerFeatureMapping } from './washer';
export { demoOven } from './oven';
export { demoHob } from './hob';
export { demoHood } from './hood';
export { demoFridge } from './fridge';
export { demoDryer } from './dryer';
export { demoCoffee } from './coffee';

/** Demo names as `simulate --demo` takes them, in the order demoRecords() lists them. */
export const DEMO_NAMES = ['dishwasher', 'washer', 'oven', 'hob', 'hood', 'fridge', 'dryer', 'coffee'] as const;
export type DemoName = (typeof DEMO_NAMES)[number];

const DEMOS: Readonly<Record<DemoName, ApplianceRecord>> = {
  dishwasher: demoDishwasher,
  washer: demoWasher,
  oven: demoOven,
  hob: demoHob,
  hood: demoHood,
  fridge: demoFridge,
  dryer: demoDryer,
  coffee: demoCoffee,
};

/** A fresh copy of one demo record by name (dishwasher, oven …); undefined for other names. */
export function demoRecord(name: string): ApplianceRecord | undefined {
  const r = (DEMOS as Record<string, ApplianceRecord | undefined>)[name];
  return r && Object.prototype.hasOwnProperty.call(DEMOS, name) ? { ...r } : undefined;
}

/** Fresh copies of every demo record, so callers may change host/name without affecting others. */
export function demoRecords(): ApplianceRecord[] {
  return DEMO_NAMES.map((n) => ({ ...DEMOS[n] }));
}
