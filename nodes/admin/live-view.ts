/**
 * What the out node's command builder marks as available or writable right now: the live
 * shared connection's state, current values and the access/availability the appliance last reported.
 */
import { favourites } from '../../src/appliance/favourites';
import type { FavouriteInfo } from '../../src/appliance/favourites';
import type { ApplianceProfile } from '../../src/profile';
import { setOwn } from '../../src/profile/own-key';
import type { FeatureKind } from '../../src/profile/types';
import type { ApplianceClient, ConnectionState } from '../../src/protocol/types';

export interface LiveFeature {
  access?: string;
  available?: boolean;
  min?: number;
  max?: number;
}

export interface LiveView {
  state: ConnectionState;
  reason?: string;
  values: Record<string, unknown>;
  features: Record<string, LiveFeature>;
  programs: Record<string, { available?: boolean; execution?: string }>;
  selectedProgram?: unknown;
  activeProgram?: unknown;
  /** Favourite programs with their user-given names and whether the appliance offers them now. */
  favourites?: FavouriteInfo[];
}

const LIVE_KINDS: ReadonlySet<FeatureKind> = new Set(['setting', 'option', 'command', 'status', 'event']);

export function disconnectedView(): LiveView {
  return { state: 'disconnected', values: {}, features: {}, programs: {} };
}

export function buildLiveView(client: ApplianceClient, profile: ApplianceProfile): LiveView {
  const values = client.snapshot();
  const view: LiveView = { state: client.state, values, features: {}, programs: {} };
  if (client.lastReason !== undefined) view.reason = client.lastReason;
  for (const f of profile.allFeatures()) {
    if (f.kind === 'program') {
      const p: { available?: boolean; execution?: string } = {};
      if (f.available !== undefined) p.available = f.available;
      if (f.execution !== undefined) p.execution = f.execution;
      setOwn(view.programs, f.key, p);
    } else if (LIVE_KINDS.has(f.kind)) {
      const lf: LiveFeature = {};
      if (f.access !== undefined) lf.access = f.access;
      if (f.available !== undefined) lf.available = f.available;
      if (f.min !== undefined) lf.min = f.min;
      if (f.max !== undefined) lf.max = f.max;
      setOwn(view.features, f.key, lf);
    }
  }
  const { selectedProgram, activeProgram } = profile.roots;
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined);
  if (selectedProgram && own(selectedProgram.key) !== undefined) view.selectedProgram = own(selectedProgram.key);
  if (activeProgram && own(activeProgram.key) !== undefined) view.activeProgram = own(activeProgram.key);
  const favs = favourites(profile, values);
  if (favs.length > 0) view.favourites = favs;
  return view;
}
