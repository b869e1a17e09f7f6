/**
 * Fridge-freezer door alarms: a compartment door (`Refrigeration.Common.Status.Door.Freezer`)
 * left open raises its alarm event (`…Event.DoorAlarmFreezer` = Present) after a while, as real
 * appliances beep; closing the door clears it (Off). Time runs `timeScale` times faster.
 */
import { errorMessage } from '../errors';
import type { Feature, WireItem } from '../profile/types';
import type { SimulatedState } from './simulated-state';

export interface DoorAlarmHost {
  readonly state: SimulatedState;
  timeScale(): number;
  notify(items: WireItem[]): void;
  log(line: string): void;
}

/** Seconds a compartment door may stay open before the alarm (fridges beep after about a minute). */
export const DOOR_ALARM_AFTER_S = 60;

export class DoorAlarms {
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(private readonly host: DoorAlarmHost) {}

  /** The alarm event of a compartment door status, when the profile has one. */
  alarmFor(door: Feature): Feature | undefined {
    const m = /\.Door\.(\w+)$/.exec(door.key);
    if (!m || door.kind !== 'status') return undefined;
    return this.host.state.profile.events().find((e) => e.key.endsWith(`.DoorAlarm${m[1]}`));
  }

  doorChanged(door: Feature, open: boolean): void {
    const alarm = this.alarmFor(door);
    if (!alarm) return;
    const pending = this.timers.get(door.uid);
    if (pending) clearTimeout(pending);
    this.timers.delete(door.uid);
    if (!open) {
      this.raise(alarm, 'Off');
      return;
    }
    const ms = Math.max(10, (DOOR_ALARM_AFTER_S * 1000) / Math.max(1e-6, this.host.timeScale()));
    const t = setTimeout(
      () => {
        this.timers.delete(door.uid);
        this.raise(alarm, 'Present');
      },
      Math.min(ms, 2 ** 31 - 1),
    );
    this.timers.set(door.uid, t);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private raise(alarm: Feature, member: 'Present' | 'Off'): void {
    try {
      const s = this.host.state;
      const raw = s.member(alarm, member);
      const c = raw !== undefined ? s.set(alarm.uid, raw) : undefined;
      if (c) this.host.notify([c]);
      if (c) this.host.log(`${alarm.key} ${member}`);
    } catch (e) {
      this.host.log(`door alarm failed: ${errorMessage(e)}`);
    }
  }
}
