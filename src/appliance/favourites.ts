/**
 * Favourites: `BSH.Common.Program.Favorite.NNN` programs carry the name the user gave them in
 * the app, held in the live setting `BSH.Common.Setting.Favorite.NNN.Name`. They are shown and
 * accepted under that name; keys stay the machine interface.
 */
import { HomeConnectError } from '../errors';
import type { Feature } from '../profile/types';

const FAVOURITE_PROGRAM = /^BSH\.Common\.Program\.Favorite\.(\d{1,4})$/;
const MAX_NAME = 200;

export interface FavouriteInfo {
  key: string;
  /** The user-given name, when the appliance reported one. */
  name?: string;
  /** false when the appliance reports the favourite as unavailable (e.g. an empty slot). */
  available?: boolean;
}

/** What favourites need of the profile (ApplianceProfile satisfies it). */
export interface FavouriteProfile {
  programs(): Feature[];
  find(ref: string | number): Feature | undefined;
}

export function isFavouriteProgram(key: string): boolean {
  return FAVOURITE_PROGRAM.test(key);
}

/** The setting that holds a favourite's name ("…Program.Favorite.001" → "…Setting.Favorite.001.Name"). */
export function favouriteNameKey(programKey: string): string | undefined {
  const m = FAVOURITE_PROGRAM.exec(programKey);
  return m ? `BSH.Common.Setting.Favorite.${m[1]}.Name` : undefined;
}

/** The user-given name of a favourite program from the live values; undefined when unnamed. */
export function favouriteName(programKey: string, values: Record<string, unknown>): string | undefined {
  const nameKey = favouriteNameKey(programKey);
  if (!nameKey) return undefined;
  const v = values[nameKey];
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, MAX_NAME) : undefined;
}

/** Every favourite program of the appliance with its name and availability. */
export function favourites(profile: FavouriteProfile, values: Record<string, unknown>): FavouriteInfo[] {
  return profile
    .programs()
    .filter((p) => isFavouriteProgram(p.key))
    .map((p) => {
      const info: FavouriteInfo = { key: p.key };
      const name = favouriteName(p.key, values);
      if (name !== undefined) info.name = name;
      if (p.available !== undefined) info.available = p.available;
      return info;
    });
}

function known(profile: FavouriteProfile, ref: string | number): boolean {
  try {
    return profile.find(ref) !== undefined;
  } catch {
    // ambiguous short keys are the profile's error to report, not a favourite name
    return true;
  }
}

/**
 * A program reference as given by a user: a key, short key or uid the profile knows stays as
 * it is; otherwise a favourite's name (case and surrounding spaces ignored) becomes that
 * favourite's key. A favourite the appliance reports as unavailable is refused by name.
 */
export function resolveProgramName(profile: FavouriteProfile, values: Record<string, unknown>, ref: string | number): string | number {
  if (typeof ref !== 'string' || known(profile, ref)) return ref;
  const wanted = ref.trim().toLowerCase();
  const matches = favourites(profile, values).filter((f) => f.name !== undefined && f.name.toLowerCase() === wanted);
  if (matches.length === 0) return ref;
  if (matches.length > 1) {
    throw new HomeConnectError(
      'validation',
      `More than one favourite is named "${matches[0].name}" (${matches.map((f) => f.key).join(', ')}): give the program key.`,
    );
  }
  const fav = matches[0];
  if (fav.available === false) {
    throw new HomeConnectError(
      'validation',
      `The favourite "${fav.name}" (${fav.key}) is reported unavailable by the appliance. Nothing was sent.`,
      {
        details: { program: fav.key, reason: 'unavailable' },
      },
    );
  }
  return fav.key;
}
