/**
 * Registers the service worker (client/public/sw.js): the app shell opens without server, and Web
 * Push reaches a locked phone. The bundles this page loaded before the worker took over are handed
 * to it, so the very first visit is enough for the next offline start.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const urls = performance.getEntriesByType('resource').map((e) => e.name);
        reg.active?.postMessage({ type: 'cache-assets', urls: [...urls, location.origin + '/'] });
      })
      .catch(() => {
        // without a worker the app still works online
      });
  });
}
