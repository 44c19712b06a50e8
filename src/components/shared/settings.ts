/**
 * One typed list of settings drives a widget's state, its attributes and its URL
 * query (the TensorFlow Playground pattern). Everything from outside — an HTML
 * attribute, an embed link's query — passes through `parseSettings`, which never
 * throws: a bad value falls back to the default and yields a note for the reader.
 * No DOM here, so it is tested in Node.
 */

export interface NumberSetting {
  kind: 'number';
  key: string;
  label: string;
  min: number;
  max: number;
  /** Whole numbers only (pixel sizes, counts). */
  integer: boolean;
  default: number;
  unit?: string;
}

export interface ChoiceSetting<T extends string | number = string | number> {
  kind: 'choice';
  key: string;
  label: string;
  choices: readonly T[];
  default: T;
}

export type Setting = NumberSetting | ChoiceSetting;
export type SettingValue = number | string;
export type SettingsState = Record<string, SettingValue>;

export interface ParseResult<S> {
  state: S;
  /** Plain-text explanations of every value that was ignored; shown as text, never HTML. */
  notes: string[];
}

/** Longest piece of a rejected value echoed back in a note. */
const ECHO_LIMIT = 24;

/** A rejected value shortened for a note; callers still render it only as text. */
export function echo(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return oneLine.length > ECHO_LIMIT ? `${oneLine.slice(0, ECHO_LIMIT)}…` : oneLine;
}

const DECIMAL = /^[+]?(\d+(\.\d*)?|\.\d+)$/;

export function describeRange(s: NumberSetting): string {
  const kind = s.integer ? 'a whole number' : 'a number';
  const unit = s.unit ? ` ${s.unit}` : '';
  return `${kind} from ${s.min.toLocaleString('en-US')} to ${s.max.toLocaleString('en-US')}${unit}`;
}

/** Parses one raw value; returns the value or a reason it was refused. */
export function parseValue(setting: Setting, raw: string): { value: SettingValue } | { reason: string } {
  const text = raw.trim();
  if (setting.kind === 'choice') {
    const match = setting.choices.find((c) => String(c) === text);
    if (match === undefined) return { reason: `expected one of ${setting.choices.join(', ')}` };
    return { value: match };
  }
  // Plain decimal notation only: no exponents, hex, Infinity or signs other than +.
  if (!DECIMAL.test(text)) return { reason: `expected ${describeRange(setting)}` };
  const value = Number(text);
  if (!Number.isFinite(value) || (setting.integer && !Number.isInteger(value)) || value < setting.min || value > setting.max) {
    return { reason: `expected ${describeRange(setting)}` };
  }
  return { value };
}

export function defaultsOf(settings: readonly Setting[]): SettingsState {
  return Object.fromEntries(settings.map((s) => [s.key, s.default]));
}

/**
 * Reads settings from string pairs (URLSearchParams or attributes). Missing keys
 * take defaults silently; bad values take defaults with a note; unknown keys are
 * noted unless listed in `ignoreKeys` (keys another layer handles, such as theme).
 */
export function parseSettings(
  settings: readonly Setting[],
  pairs: Iterable<[string, string]>,
  ignoreKeys: readonly string[] = [],
): ParseResult<SettingsState> {
  const state = defaultsOf(settings);
  const notes: string[] = [];
  const byKey = new Map(settings.map((s) => [s.key, s]));
  for (const [key, raw] of pairs) {
    const setting = byKey.get(key);
    if (!setting) {
      if (!ignoreKeys.includes(key)) notes.push(`Ignored unknown setting “${echo(key)}”.`);
      continue;
    }
    const parsed = parseValue(setting, raw);
    if ('value' in parsed) state[key] = parsed.value;
    else notes.push(`Ignored ${setting.label.toLowerCase()} “${echo(raw)}”: ${parsed.reason}. Using ${String(setting.default)}.`);
  }
  return { state, notes };
}

/** The query string for a state: only values that differ from the defaults, in list order. */
export function serialiseSettings(settings: readonly Setting[], state: SettingsState): URLSearchParams {
  const params = new URLSearchParams();
  for (const s of settings) {
    const value = state[s.key];
    if (value !== undefined && value !== s.default) params.set(s.key, String(value));
  }
  return params;
}
