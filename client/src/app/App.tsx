import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { Shell } from '../components/Shell';
import LoginPage from '../features/auth/LoginPage';
import { AuthProvider, useAuth } from './auth';
import { RealtimeProvider } from './realtime';

// code split by route: the login route loads only what it needs
const HomePage = lazy(() => import('../features/home/HomePage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const OrganisationsPage = lazy(() => import('../features/admin/OrganisationsPage'));

function NotFound() {
  const { t } = useTranslation();
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

function Authed() {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  if (!me) return <LoginPage />;
  const admin = ['office_admin', 'provider_admin', 'platform_admin'].includes(me.user.role);
  return (
    <RealtimeProvider>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            {admin && <Route path="/users" element={<UsersPage />} />}
            {me.user.role === 'platform_admin' && <Route path="/organisations" element={<OrganisationsPage />} />}
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
        <Authed />
      </AuthProvider>
    </BrowserRouter>
  );
}
