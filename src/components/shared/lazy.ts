/**
 * Runs `start` once, when `element` first comes near the viewport — how widgets
 * that need TensorFlow.js avoid loading it for readers who never scroll to them.
 */
export function whenVisible(element: Element, start: () => void, margin = '200px'): void {
  if (typeof IntersectionObserver === 'undefined') {
    start();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin: margin },
  );
  observer.observe(element);
}
