import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After a route change, moves the focus to the new page's h1 (once it has loaded), so keyboard and
 * screen-reader users start reading at the new page instead of at `<body>`. Leaves the focus alone
 * on the first load and when the user is already inside the new page's content.
 */
export function useFocusHeadingOnRouteChange(containerId = 'main') {
  const first = useRef(true);
  useFocusHeading(containerId, () => {
    const was = first.current;
    first.current = false;
    return was;
  });
}

/** Whether a public page (directory, navigator) has been shown in this window before. */
let publicPageShown = false;

/**
 * The same for the public pages, each of which renders its own frame: the first public page of a
 * visit keeps the focus where the browser put it; every later one, reached by a link inside the
 * app, gets the focus on its h1.
 */
export function useFocusHeadingOnPublicPage(containerId = 'main') {
  useFocusHeading(containerId, () => {
    const was = !publicPageShown;
    publicPageShown = true;
    return was;
  });
}

function useFocusHeading(containerId: string, isFirst: () => boolean) {
  const { pathname } = useLocation();
  useEffect(() => {
    if (isFirst()) return;
    const main = document.getElementById(containerId);
    if (!main) return;
    const focusHeading = () => {
      const h1 = main.querySelector('h1');
      if (!h1) return false;
      const active = document.activeElement;
      if (active && active !== document.body && active !== main && main.contains(active)) return true;
      h1.tabIndex = -1;
      h1.focus();
      return true;
    };
    if (focusHeading()) return;
    // lazy pages and pages that load their data show the h1 later
    const watch = new MutationObserver(() => {
      if (focusHeading()) watch.disconnect();
    });
    watch.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => watch.disconnect(), 10_000);
    return () => {
      watch.disconnect();
      clearTimeout(stop);
    };
  }, [pathname, containerId]);
}
