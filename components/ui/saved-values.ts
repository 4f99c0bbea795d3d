import { useState } from "react";

/**
 * Settings forms show what the server saved. After a save the page comes back with the
 * saved values as new props, but an uncontrolled field only reads its default when it
 * mounts (a <select> never updates it, and React resets a form to those first defaults
 * after its action), and state initialised from a prop keeps the first value: the form
 * then showed, and the next save sent back, the values it was opened with. So a form's
 * fields are keyed by `savedKey(saved values)` (new saved values remount them with those
 * defaults), and state taken from a prop follows it with `useSavedState`.
 */

const sortKeys = (v: object) => Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The same text for the same values, whatever the order of an object's keys; array order counts. */
export function savedKey(values: unknown): string {
  return JSON.stringify(values, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) ? sortKeys(v) : v)) ?? "";
}

export interface Saved<T> {
  key: string;
  value: T;
}

/** What the field shows: its edited value while the saved value is the one it was edited from, else the saved value. */
export function shownValue<T>(state: Saved<T>, saved: T): T {
  return state.key === savedKey(saved) ? state.value : saved;
}

/** State that starts from a saved value, keeps the user's edits, and follows the saved value whenever the server's changes. */
export function useSavedState<T>(saved: T): [T, (next: T | ((shown: T) => T)) => void] {
  const [state, setState] = useState<Saved<T>>(() => ({ key: savedKey(saved), value: saved }));
  const set = (next: T | ((shown: T) => T)) =>
    setState((s) => {
      const shown = shownValue(s, saved);
      return { key: savedKey(saved), value: typeof next === "function" ? (next as (shown: T) => T)(shown) : next };
    });
  return [shownValue(state, saved), set];
}
