/** State of the runtime status panel: optionally, the backend a reader prefers. */
import { parseSettings, type Setting } from '../shared/settings';
import type { BackendName } from '../../lib/video-nn/runtime/backend';

export const SETTINGS = [
  { kind: 'choice', key: 'backend', label: 'Backend', choices: ['auto', 'webgl', 'wasm', 'cpu'], default: 'auto' },
] as const satisfies readonly Setting[];

export function parseState(pairs: Iterable<[string, string]>, ignoreKeys: readonly string[] = []): { prefer: BackendName | undefined; notes: string[] } {
  const { state, notes } = parseSettings(SETTINGS, pairs, ignoreKeys);
  const backend = state['backend'] as 'auto' | BackendName;
  return { prefer: backend === 'auto' ? undefined : backend, notes };
}
