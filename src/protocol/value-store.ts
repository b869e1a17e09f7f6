// The connection's memory: latest value per uid with change detection, dynamic access, and the state history.
import { setOwn } from '../profile/own-key';
import type { DecodedValue, DescriptionChangeItem } from '../profile/types';
import type { StateChange, ValueChange } from './types';

const HISTORY_LIMIT = 200;

function sameRaw(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export class ValueStore {
  private readonly historyList: StateChange[] = [];
  private readonly store = new Map<number, ValueChange>();
  /** Latest dynamic access per uid from description changes (the profile keeps its own too). */
  private readonly access = new Map<number, string>();

  get(uid: number): ValueChange | undefined {
    return this.store.get(uid);
  }

  /** Stores the values; returns only those whose raw value changed (with the previous one). */
  apply(values: DecodedValue[]): ValueChange[] {
    const changes: ValueChange[] = [];
    for (const v of values) {
      const prev = this.store.get(v.uid);
      if (prev && sameRaw(prev.raw, v.raw)) continue;
      // Two fixed literal shapes instead of a spread plus added fields: the spread made every
      // change object a new hidden-class transition, costing more than decoding (receive-path bench).
      const change: ValueChange = prev
        ? { uid: v.uid, key: v.key, kind: v.kind, value: v.value, raw: v.raw, previous: prev.value, previousRaw: prev.raw }
        : { uid: v.uid, key: v.key, kind: v.kind, value: v.value, raw: v.raw };
      if (v.unit !== undefined) change.unit = v.unit;
      this.store.set(v.uid, change);
      changes.push(change);
    }
    return changes;
  }

  noteDescription(items: DescriptionChangeItem[]): void {
    for (const item of items) if (typeof item.access === 'string') this.access.set(item.uid, item.access);
  }

  accessOf(uid: number): string | undefined {
    return this.access.get(uid);
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.store.values()) setOwn(out, v.key, v.value);
    return out;
  }

  currentValues(): ValueChange[] {
    return [...this.store.values()].map((v) => ({ ...v }));
  }

  pushHistory(change: StateChange): void {
    this.historyList.push(change);
    if (this.historyList.length > HISTORY_LIMIT) this.historyList.splice(0, this.historyList.length - HISTORY_LIMIT);
  }

  history(): StateChange[] {
    return this.historyList.map((h) => ({ ...h }));
  }
}
