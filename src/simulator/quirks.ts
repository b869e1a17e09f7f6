/**
 * Simulator modes that refuse a program start the way fussy appliances do (users' reports of
 * washer-dryers, coffee machines, ovens and dryers), so every start path of the command model
 * has an appliance to prove itself against. Kept apart from the normal appliance logic: the
 * simulator asks here first and answers with the refusal when there is one.
 */
import type { ApplianceProfile } from '../profile';
import type { DescriptionChangeItem, Feature, WireItem } from '../profile/types';

/** Which refusals are on; codes are the error the appliance answers with. */
export interface SimulatorQuirkOptions {
  /** POST /ro/activeProgram carrying options is refused with this code (coffee machines: 400). */
  refuseStartWithOptions?: number;
  /** A start is refused with this code unless the same program was selected first (ovens: 526). */
  requireSelectBeforeStart?: number;
  /** POST /ro/selectedProgram carrying options is refused with this code (washer-dryers: 403). */
  refuseOptionsOnSelect?: number;
  /**
   * The delayed-start options (StartInRelative, FinishInRelative) are read-only except in a write
   * window that opens and closes by description changes (dryers); a delayed write outside it is
   * refused with 541. `true`: closed 3 s, open 2 s, repeating. closedMs 0 never opens by itself
   * (tests open it with writeWindow()).
   */
  delayedStartWriteWindow?: boolean | { closedMs?: number; openMs?: number };
  /** The start is carried out but its answer never sent (a lost RESPONSE). */
  swallowStartAnswer?: boolean;
}

/** Quirk names for the CLI (`simulate --quirk NAME`), with the code each one answers. */
export const QUIRK_NAMES = {
  'refuse-start-with-options': { refuseStartWithOptions: 400 },
  'require-select-before-start': { requireSelectBeforeStart: 526 },
  'refuse-options-on-select': { refuseOptionsOnSelect: 403 },
  'delayed-start-write-window': { delayedStartWriteWindow: true },
  'swallow-start-answer': { swallowStartAnswer: true },
} as const satisfies Record<string, SimulatorQuirkOptions>;

export type QuirkName = keyof typeof QUIRK_NAMES;

export function isQuirkName(name: string): name is QuirkName {
  return Object.prototype.hasOwnProperty.call(QUIRK_NAMES, name);
}

/** ProcessStateNotCompliant: what a dryer answers to a delayed-start write outside its window. */
const OUTSIDE_WINDOW = 541;
const DELAYED_KEYS = ['BSH.Common.Option.StartInRelative', 'BSH.Common.Option.FinishInRelative'];
const DEFAULT_CLOSED_MS = 3000;
const DEFAULT_OPEN_MS = 2000;

/** What the quirks need of the simulator. */
export interface QuirkHost {
  readonly profile: ApplianceProfile;
  /** The program selected on the appliance (0 when none). */
  selectedProgram(): number;
  /** Sends NOTIFY /ro/descriptionChange to every client. */
  describe(items: DescriptionChangeItem[]): void;
  log(line: string): void;
}

export type ProgramRequestKind = 'start' | 'select';

export class SimulatorQuirks {
  private options: SimulatorQuirkOptions = {};
  private windowOpen = true;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Access of each window item before the quirk changed it, to restore it. */
  private readonly original = new Map<string, string | undefined>();

  constructor(
    private readonly host: QuirkHost,
    options: SimulatorQuirkOptions = {},
  ) {
    this.set(options);
  }

  /** The quirks on now (a copy). */
  get current(): SimulatorQuirkOptions {
    return { ...this.options };
  }

  /** Replaces the quirks (an empty object turns them all off). */
  set(options: SimulatorQuirkOptions): void {
    this.options = { ...options };
    this.stopCycle();
    if (options.delayedStartWriteWindow) {
      this.setWindow(false);
      if (this.running) this.cycle();
    } else {
      this.restore();
    }
  }

  /** The simulator started listening: the write window starts cycling. */
  start(): void {
    this.running = true;
    if (this.options.delayedStartWriteWindow) this.cycle();
  }

  stop(): void {
    this.running = false;
    this.stopCycle();
  }

  /** Opens or closes the delayed-start write window now (announced by a description change). */
  writeWindow(open: boolean): void {
    if (this.options.delayedStartWriteWindow) this.setWindow(open);
  }

  get isWindowOpen(): boolean {
    return this.windowOpen;
  }

  /** The code refusing a program request, or undefined when the quirks let it through. */
  refuseProgram(kind: ProgramRequestKind, program: number, options: readonly WireItem[]): number | undefined {
    const o = this.options;
    if (this.outsideWindow(options)) return OUTSIDE_WINDOW;
    if (kind === 'select') {
      return o.refuseOptionsOnSelect !== undefined && options.length > 0 ? o.refuseOptionsOnSelect : undefined;
    }
    if (o.refuseStartWithOptions !== undefined && options.length > 0) return o.refuseStartWithOptions;
    if (o.requireSelectBeforeStart !== undefined && this.host.selectedProgram() !== program) return o.requireSelectBeforeStart;
    return undefined;
  }

  /** The code refusing a POST /ro/values, or undefined. */
  refuseValues(items: readonly WireItem[]): number | undefined {
    return this.outsideWindow(items) ? OUTSIDE_WINDOW : undefined;
  }

  /** True when the answer to this start must never be sent. */
  swallowStart(): boolean {
    return this.options.swallowStartAnswer === true;
  }

  private outsideWindow(items: readonly WireItem[]): boolean {
    if (!this.options.delayedStartWriteWindow || this.windowOpen) return false;
    const uids = new Set(this.delayedFeatures().map((f) => f.uid));
    return items.some((i) => uids.has(i.uid));
  }

  private delayedFeatures(): Feature[] {
    return DELAYED_KEYS.map((k) => this.host.profile.find(k)).filter((f): f is Feature => f !== undefined);
  }

  private cycle(): void {
    const w = this.options.delayedStartWriteWindow;
    const cfg = typeof w === 'object' ? w : {};
    const closedMs = cfg.closedMs ?? DEFAULT_CLOSED_MS;
    const openMs = cfg.openMs ?? DEFAULT_OPEN_MS;
    if (closedMs <= 0) return;
    const next = (): void => {
      const ms = this.windowOpen ? openMs : closedMs;
      this.timer = setTimeout(
        () => {
          this.setWindow(!this.windowOpen);
          next();
        },
        Math.max(1, ms),
      );
    };
    next();
  }

  private stopCycle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Sets the delayed-start options' access, list-level and inside every program that lists
   * them (the program's own access wins on clients), and announces it.
   */
  private setWindow(open: boolean): void {
    this.windowOpen = open;
    const access = open ? 'READWRITE' : 'READ';
    this.announce(this.windowItems().map(({ item }) => ({ ...item, access })));
    this.host.log(`delayed-start write window ${open ? 'open' : 'closed'}`);
  }

  /** The quirk is turned off: the profile's own access again. */
  private restore(): void {
    this.windowOpen = true;
    if (this.original.size === 0) return;
    this.announce(this.windowItems().map(({ item, key }) => ({ ...item, access: (this.original.get(key) ?? 'readWrite').toUpperCase() })));
    this.original.clear();
  }

  /** The description items of the window, remembering each one's access before the first change. */
  private windowItems(): Array<{ item: DescriptionChangeItem; key: string }> {
    const out: Array<{ item: DescriptionChangeItem; key: string }> = [];
    for (const f of this.delayedFeatures()) {
      const add = (item: DescriptionChangeItem, access: string | undefined): void => {
        const key = `${item.uid}/${item.parentUID ?? ''}`;
        if (!this.original.has(key)) this.original.set(key, access);
        out.push({ item, key });
      };
      add({ uid: f.uid }, f.access);
      for (const p of this.host.profile.programs()) {
        const po = p.options?.find((o) => o.uid === f.uid);
        if (po) add({ uid: f.uid, parentUID: p.uid }, po.access);
      }
    }
    return out;
  }

  private announce(items: DescriptionChangeItem[]): void {
    for (const item of items) this.host.profile.applyDescriptionChange(item);
    if (items.length > 0) this.host.describe(items);
  }
}
