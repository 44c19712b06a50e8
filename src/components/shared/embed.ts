/**
 * Helpers for /embed/<widget>/ pages: the page's theme from `?theme=` and its
 * height reported to the parent window, so an instructor's iframe can fit it.
 */

export const EMBED_KEYS = ['theme'] as const;
export type EmbedTheme = 'light' | 'dark' | 'auto';

/** Reads `?theme=`; anything but light, dark or auto is ignored with a note. */
export function readTheme(params: URLSearchParams): { theme: EmbedTheme; notes: string[] } {
  const raw = params.get('theme');
  if (raw === null || raw === 'auto') return { theme: 'auto', notes: [] };
  if (raw === 'light' || raw === 'dark') return { theme: raw, notes: [] };
  return { theme: 'auto', notes: [`Ignored theme “${raw.slice(0, 24)}”: expected light, dark or auto.`] };
}

/** The message an embed posts to its parent whenever its height changes. */
export interface HeightMessage {
  type: 'vnn:height';
  widget: string;
  height: number;
}

/** Posts the document's height to the parent now and whenever it changes. */
export function reportHeight(widget: string): void {
  if (window.parent === window) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: HeightMessage = { type: 'vnn:height', widget, height };
    // The height is not secret, and the parent may be any instructor's site.
    window.parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
