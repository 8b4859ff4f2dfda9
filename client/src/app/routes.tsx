import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../../../shared/schemas/common';

export interface AppRoute {
  path: string;
  /** Roles that see the route (and its navigation entry). */
  roles: readonly Role[];
  /** i18n key of the navigation entry; routes without one are reached by links only. */
  nav?: string;
  component: LazyExoticComponent<ComponentType>;
}

const ADMINS = ['office_admin', 'provider_admin', 'platform_admin'] as const;
const ALL = ['caseworker', 'oncall', 'office_admin', 'provider_staff', 'provider_admin', 'platform_admin'] as const;

/** Every screen behind the login, code-split by route. Features add theirs here. */
export const appRoutes: AppRoute[] = [
  { path: '/', roles: ALL, nav: 'nav.home', component: lazy(() => import('../features/home/HomePage')) },
  { path: '/suche', roles: ['caseworker', 'oncall', 'office_admin'], nav: 'search.nav', component: lazy(() => import('../features/search/SearchPage')) },
  { path: '/notfall', roles: ['oncall', 'caseworker', 'office_admin'], nav: 'emergency.nav', component: lazy(() => import('../features/emergency/EmergencyPage')) },
  { path: '/anfragen', roles: ['caseworker', 'oncall', 'office_admin', 'provider_staff', 'provider_admin'], nav: 'requests.nav', component: lazy(() => import('../features/requests/RequestsPage')) },
  { path: '/anfragen/neu', roles: ['caseworker', 'oncall', 'office_admin'], component: lazy(() => import('../features/requests/ComposePage')) },
  { path: '/anfragen/:id', roles: ['caseworker', 'oncall', 'office_admin', 'provider_staff', 'provider_admin'], component: lazy(() => import('../features/requests/RequestDetailPage')) },
  { path: '/belegung', roles: ['provider_staff', 'provider_admin'], nav: 'provider.nav.capacity', component: lazy(() => import('../features/provider/CapacityPage')) },
  { path: '/belegung/angebote/neu', roles: ['provider_staff', 'provider_admin'], component: lazy(() => import('../features/provider/UnitEditorPage')) },
  { path: '/belegung/angebote/:id', roles: ['provider_staff', 'provider_admin'], component: lazy(() => import('../features/provider/UnitEditorPage')) },
  { path: '/belegung/csv', roles: ['provider_staff', 'provider_admin'], nav: 'provider.nav.csv', component: lazy(() => import('../features/provider/CsvUploadPage')) },
  { path: '/belegung/einrichtungen', roles: ['provider_admin'], nav: 'provider.nav.facilities', component: lazy(() => import('../features/provider/FacilitiesPage')) },
  { path: '/belegung/api-zugaenge', roles: ['provider_admin'], nav: 'provider.nav.tokens', component: lazy(() => import('../features/provider/ApiTokensPage')) },
  { path: '/statistik', roles: ['office_admin', 'platform_admin'], nav: 'statistics.nav', component: lazy(() => import('../features/statistics/StatisticsPage')) },
  { path: '/benutzer', roles: ADMINS, nav: 'nav.users', component: lazy(() => import('../features/admin/UsersPage')) },
  { path: '/organisationen', roles: ['platform_admin'], nav: 'nav.organisations', component: lazy(() => import('../features/admin/OrganisationsPage')) },
  { path: '/zugriffsprotokoll', roles: ['office_admin', 'platform_admin'], nav: 'audit.nav', component: lazy(() => import('../features/audit/AccessLogPage')) },
];

/** Public screens (no login): directory, navigator. */
export const publicRoutes: Omit<AppRoute, 'roles'>[] = [
  { path: '/verzeichnis', component: lazy(() => import('../features/directory/DirectoryPage')) },
  { path: '/lotse', component: lazy(() => import('../features/navigator/NavigatorPage')) },
  { path: '/passwort-neu', component: lazy(() => import('../features/auth/PasswordResetPage')) },
];
