/**
 * What different appliance types do while a program runs, recognised by the features a
 * profile has rather than by its type name: ovens heat the cavity toward the setpoint, coffee
 * machines brew for seconds and count cups, hoods and ovens without a set duration run until
 * stopped. The program runner calls these; everything returns the changed wire items.
 */
import type { Feature, WireItem } from '../profile/types';
import { parseDefaultText, type SimulatedState } from './simulated-state';

type OptionItems = Array<{ uid: number; value: unknown }>;

/** Room temperature the cavity starts from and cools back to (°C). */
export const AMBIENT_C = 21;
/** Heating rates of a typical oven: about 15 °C a minute, twice that with fast preheat; cooling 6 °C a minute. */
const HEAT_C_PER_S = 0.25;
const FAST_HEAT_C_PER_S = 0.5;
const COOL_C_PER_S = 0.1;
/** Meat core warms toward the cavity temperature: about 25 minutes from fridge-cold to 70 °C at 180 °C. */
const CORE_PER_S = 1 / 3000;
const CORE_START_C = 5;
/** A fully automatic machine grinds and heats for ~15 s, then runs about 4 ml a second. */
const BREW_BASE_S = 15;
const BREW_S_PER_ML = 0.25;

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** An option's value for a start: as sent, else the program's default, else the feature's default. */
export function startOptionValue(state: SimulatedState, program: number, f: Feature | undefined, options: OptionItems): unknown {
  if (!f) return undefined;
  const sent = options.find((o) => o.uid === f.uid);
  if (sent) return sent.value;
  const po = state.programOption(program, f.uid);
  return parseDefaultText(f, po?.default) ?? parseDefaultText(f, f.default) ?? state.get(f.uid);
}

/** The cavity temperature status of an oven (`Cooking.Oven.Status.Cavity.001.CurrentTemperature` or the flat name). */
export function cavityTemperature(state: SimulatedState): Feature | undefined {
  return state.profile
    .statuses()
    .find((f) => /^Cooking\.Oven\.Status\.(Cavity\.\d+\.CurrentTemperature|CurrentCavityTemperature)$/.test(f.key));
}

/**
 * Duration rules of types whose programs have no countdown of their own; undefined when the
 * generic rules (Duration option, program defaults) apply. Infinity = runs until stopped.
 */
export function typeDuration(state: SimulatedState, program: number, options: OptionItems): number | undefined {
  const fill = state.feature('FillQuantity');
  if (fill && state.programOption(program, fill.uid)) {
    const ml = finite(startOptionValue(state, program, fill, options)) ?? 100;
    return Math.round(BREW_BASE_S + ml * BREW_S_PER_ML);
  }
  // A hood's delayed shut-off vents for the time its setting says, then stops by itself.
  const shutOff = state.feature('DelayedShutOffTime');
  if (shutOff && /\.DelayedShutOff$/.test(state.profile.byUid(program)?.key ?? '')) {
    const s = finite(state.get(shutOff.uid));
    if (s !== undefined && s > 0) return s;
  }
  const duration = state.feature('Duration');
  const durationGiven = duration && finite(options.find((o) => o.uid === duration.uid)?.value);
  if (durationGiven) return undefined;
  const durationDefault = duration ? parseDefaultText(duration, state.programOption(program, duration.uid)?.default) : undefined;
  // An oven without a timer set heats until someone stops it.
  if (state.feature('SetpointTemperature') && !(typeof durationDefault === 'number' && durationDefault > 0)) return Infinity;
  // Hoods (no remaining time at all) vent until stopped.
  if (!state.feature('RemainingProgramTime') && !state.feature('EstimatedTotalProgramTime')) return Infinity;
  return undefined;
}

/** Oven cavity heating toward the program's setpoint while running, cooling when idle. */
export class CavityHeating {
  private exact = AMBIENT_C;
  private target: number | undefined;
  private fast = false;
  private preheatAnnounced = false;
  private core: number | undefined;
  private coreTarget: number | undefined;
  /** Set when the meat probe reached its target: the program ends as on a real oven. */
  probeDone = false;
  readonly feature: Feature | undefined;

  constructor(private readonly state: SimulatedState) {
    this.feature = cavityTemperature(state);
    const now = this.feature ? finite(state.get(this.feature.uid)) : undefined;
    if (now !== undefined) this.exact = now;
  }

  get active(): boolean {
    return this.feature !== undefined;
  }

  /** Program start: remember setpoint and fast preheat (sent or the program's defaults). */
  start(program: number, options: OptionItems): WireItem[] {
    if (!this.feature) return [];
    const s = this.state;
    this.target = finite(startOptionValue(s, program, s.feature('SetpointTemperature'), options));
    this.fast = startOptionValue(s, program, s.feature('FastPreHeat'), options) === true;
    this.preheatAnnounced = false;
    this.probeDone = false;
    const plugged = s.feature('MeatProbePlugged');
    const probeOption = s.feature('MeatProbeTemperature');
    // The probe counts only when it is plugged in and the program offers the probe option.
    this.core =
      plugged && s.get(plugged.uid) === true && probeOption && s.programOption(program, probeOption.uid) ? CORE_START_C : undefined;
    this.coreTarget = this.core !== undefined ? finite(startOptionValue(s, program, probeOption, options)) : undefined;
    const reached = s.feature('MeatProbeTargetReached');
    const out: Array<WireItem | undefined> = [];
    const preheated = s.feature('Preheated');
    if (preheated) out.push(s.set(preheated.uid, false));
    out.push(s.setMember('PreheatFinished', 'Off'));
    if (reached) out.push(s.setMember('MeatProbeTargetReached', 'Off'));
    return out.filter((x): x is WireItem => x !== undefined);
  }

  /** Program ended: the oven cools from now on. */
  stop(): WireItem[] {
    this.target = undefined;
    this.core = undefined;
    this.coreTarget = undefined;
    const preheated = this.state.feature('Preheated');
    const c = preheated ? this.state.set(preheated.uid, false) : undefined;
    return c ? [c] : [];
  }

  /** True while the cavity still has to cool down to room temperature. */
  get cooling(): boolean {
    return this.feature !== undefined && this.target === undefined && this.exact > AMBIENT_C + 0.5;
  }

  /** Move the temperature by `dtS` program seconds (heating while a target is set). */
  advance(dtS: number): WireItem[] {
    const f = this.feature;
    if (!f || !(dtS > 0)) return [];
    const s = this.state;
    const out: Array<WireItem | undefined> = [];
    if (this.target !== undefined) {
      const rate = this.fast ? FAST_HEAT_C_PER_S : HEAT_C_PER_S;
      this.exact =
        this.exact < this.target ? Math.min(this.target, this.exact + rate * dtS) : Math.max(this.target, this.exact - COOL_C_PER_S * dtS);
      if (!this.preheatAnnounced && this.exact >= this.target) {
        this.preheatAnnounced = true;
        const preheated = s.feature('Preheated');
        if (preheated) out.push(s.set(preheated.uid, true));
        out.push(s.setMember('PreheatFinished', 'Present'));
      }
      if (this.core !== undefined) {
        this.core = Math.min(this.exact, this.core + (this.exact - this.core) * Math.min(1, CORE_PER_S * dtS));
        const probe = s.feature('MeatProbeCurrentTemperature');
        if (probe) out.push(s.set(probe.uid, Math.min(99, Math.round(this.core))));
        if (this.coreTarget !== undefined && !this.probeDone && this.core >= this.coreTarget) {
          this.probeDone = true;
          out.push(s.setMember('MeatProbeTargetReached', 'Present'));
        }
      }
    } else {
      this.exact = Math.max(AMBIENT_C, this.exact - COOL_C_PER_S * dtS);
    }
    out.push(s.set(f.uid, Math.round(this.exact)));
    return out.filter((x): x is WireItem => x !== undefined);
  }
}

/** Counter status a finished beverage adds to (by the beverage's name), and by how much. */
export function beverageCount(state: SimulatedState, program: number, options: OptionItems): WireItem[] {
  const key = state.profile.byUid(program)?.key ?? '';
  const name = key.slice(key.lastIndexOf('.') + 1);
  let counter: string;
  if (/^(Ristretto|Espresso|EspressoDoppio)$/.test(name)) counter = 'BeverageCounterRistrettoEspresso';
  else if (/^(Coffee|XLCoffee|Americano|CoffeeGrande|CafeCremaGrande)$/.test(name)) counter = 'BeverageCounterCoffee';
  else if (name === 'HotWater') counter = 'BeverageCounterHotWater';
  else if (name === 'MilkFroth') counter = 'BeverageCounterFrothyMilk';
  else if (name === 'WarmMilk') counter = 'BeverageCounterHotMilk';
  else counter = 'BeverageCounterCoffeeAndMilk';
  const f = state.feature(counter);
  if (!f) return [];
  const now = finite(state.get(f.uid)) ?? 0;
  // The hot water counter is a liquid volume (ml); the others count cups.
  const step =
    f.contentType === 'liquidVolume' ? (finite(startOptionValue(state, program, state.feature('FillQuantity'), options)) ?? 0) : 1;
  const c = state.set(f.uid, now + step);
  return c ? [c] : [];
}

/** ProcessPhase of a coffee machine for a beverage `progress` percent done (when the profile has it). */
export function brewPhase(state: SimulatedState, program: number, progress: number | undefined): WireItem[] {
  if (!state.feature('ProcessPhase')) return [];
  const key = state.profile.byUid(program)?.key ?? '';
  let phase = 'None';
  if (progress !== undefined) {
    if (key.endsWith('.HotWater')) phase = 'HotWaterDispensing';
    else if (progress < 25) phase = 'Grinding';
    else phase = 'CoffeeBrewing';
  }
  const c = state.setMember('ProcessPhase', phase);
  return c ? [c] : [];
}

/** Program options a hood resets when venting stops (fan and intensive stage back to off). */
export function ventingOff(state: SimulatedState): WireItem[] {
  const out: WireItem[] = [];
  for (const name of ['VentingLevel', 'IntensiveLevel']) {
    const f = state.feature(name);
    if (!f || !f.enumeration) continue;
    const off = Object.keys(f.enumeration.members)
      .map(Number)
      .sort((a, b) => a - b)[0];
    const c = off !== undefined ? state.set(f.uid, off) : undefined;
    if (c) out.push(c);
  }
  return out;
}
