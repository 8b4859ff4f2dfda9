import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { Shell } from '../components/Shell';
import LoginPage from '../features/auth/LoginPage';
import { RequestNotices } from '../features/requests/RequestNotices';
import { AuthProvider, useAuth } from '../lib/auth';
import { useDocumentTitle, useRouteTitle } from '../lib/page-title';
import { RealtimeProvider } from '../lib/realtime';
import { appRoutes, publicRoutes, ROLE_HOME } from './routes';
import { OfflineEmergency } from '../features/emergency/OfflineEmergency';

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFound'));
  return (
    <>
      <h1>{t('errors.notFound')}</h1>
      <Link to="/">{t('errors.back')}</Link>
    </>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}

/** Gives a route its document title (WCAG 2.4.2). */
function Titled({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useRouteTitle(t(title));
  return children;
}

function Authed() {
  const { me, loading, offline } = useAuth();
  if (loading) return <Loading />;
  if (!me) return offline ? <OfflineEmergency /> : <LoginPage />;
  const mine = appRoutes.filter((r) => r.roles.includes(me.user.role));
  const home = ROLE_HOME[me.user.role];
  const nav = mine.flatMap((r) => (r.nav ? [{ path: r.path, label: r.nav }] : []));
  return (
    <RealtimeProvider>
      <Shell nav={nav}>
        <RequestNotices />
        <Suspense fallback={<Loading />}>
          <Routes>
            {home && <Route path="/" element={<Navigate to={home} replace />} />}
            {mine
              .filter((r) => !(home && r.path === '/'))
              .map((r) => (
                <Route
                  key={r.path}
                  path={r.path}
                  element={
                    <Titled title={r.title}>
                      <r.component />
                    </Titled>
                  }
                />
              ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Shell>
    </RealtimeProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Suspense fallback={<Loading />}>
          <Routes>
            {publicRoutes.map((r) => (
              <Route
                key={r.path}
                path={`${r.path}/*`}
                element={
                  <Titled title={r.title}>
                    <r.component />
                  </Titled>
                }
              />
            ))}
            <Route path="*" element={<Authed />} />
          </Routes>
        </Suspense>
      </AuthProvider>
    </BrowserRouter>
  );
}
