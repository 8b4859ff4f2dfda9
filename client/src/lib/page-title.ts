import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Suche – Heimplatzbörse": the page's own name first, so tabs and screen readers tell pages apart. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    if (title) document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}

/**
 * The route's default title, set before any page effect runs (a layout effect runs before every
 * passive one), so a page that names itself more precisely with `useDocumentTitle` wins.
 */
export function useRouteTitle(title: string) {
  const { t } = useTranslation();
  useLayoutEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}
