/**
 * Small DOM helpers for widget views. Text always goes in through textContent:
 * nothing a reader or a URL supplies is ever parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

/** Replaces the list of notes (plain text) shown to the reader. */
export function showNotes(list: HTMLElement, notes: readonly string[]): void {
  list.replaceChildren(...notes.map((note) => h('li', {}, note)));
}

let nextId = 0;
/** A document-unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
