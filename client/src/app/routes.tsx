import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ADMIN_ROLES, OFFICE_ROLES, PROVIDER_ROLES } from '../../../shared/roles';
import { ROLES, type Role } from '../../../shared/schemas/common';

export interface AppRoute {
  path: string;
  /** Roles that see the route (and its navigation entry). */
  roles: readonly Role[];
  /** i18n key of the navigation entry; routes without one are reached by links only. */
  nav?: string;
  /** i18n key of the page's name in the document title ("Suche – Heimplatzbörse"); a page may name itself more precisely. */
  title: string;
  component: LazyExoticComponent<ComponentType>;
}

const REQUEST_PARTIES = [...OFFICE_ROLES, ...PROVIDER_ROLES] as const;

/** Every screen behind the login, code-split by route. Features add theirs here. */
export const appRoutes: AppRoute[] = [
  { path: '/', roles: ROLES, nav: 'nav.home', title: 'nav.home', component: lazy(() => import('../features/home/HomePage')) },
  { path: '/suche', roles: OFFICE_ROLES, nav: 'search.nav', title: 'search.nav', component: lazy(() => import('../features/search/SearchPage')) },
  { path: '/notfall', roles: OFFICE_ROLES, nav: 'emergency.nav', title: 'emergency.nav', component: lazy(() => import('../features/emergency/EmergencyPage')) },
  { path: '/anfragen', roles: REQUEST_PARTIES, nav: 'requests.nav', title: 'requests.nav', component: lazy(() => import('../features/requests/RequestsPage')) },
  { path: '/anfragen/neu', roles: OFFICE_ROLES, title: 'titles.compose', component: lazy(() => import('../features/requests/ComposePage')) },
  { path: '/faelle/:caseRef', roles: OFFICE_ROLES, title: 'titles.case', component: lazy(() => import('../features/cases/CasePage')) },
  { path: '/anfragen/:id', roles: REQUEST_PARTIES, title: 'titles.request', component: lazy(() => import('../features/requests/RequestDetailPage')) },
  { path: '/belegung', roles: PROVIDER_ROLES, nav: 'provider.nav.capacity', title: 'provider.nav.capacity', component: lazy(() => import('../features/provider/CapacityPage')) },
  { path: '/belegung/angebote/neu', roles: PROVIDER_ROLES, title: 'titles.unitNew', component: lazy(() => import('../features/provider/UnitEditorPage')) },
  { path: '/belegung/angebote/:id', roles: PROVIDER_ROLES, title: 'titles.unitEdit', component: lazy(() => import('../features/provider/UnitEditorPage')) },
  { path: '/belegung/csv', roles: PROVIDER_ROLES, nav: 'provider.nav.csv', title: 'provider.nav.csv', component: lazy(() => import('../features/provider/CsvUploadPage')) },
  { path: '/belegung/einrichtungen', roles: ['provider_admin'], nav: 'provider.nav.facilities', title: 'provider.nav.facilities', component: lazy(() => import('../features/provider/FacilitiesPage')) },
  { path: '/belegung/api-zugaenge', roles: ['provider_admin'], nav: 'provider.nav.tokens', title: 'provider.nav.tokens', component: lazy(() => import('../features/provider/ApiTokensPage')) },
  { path: '/monitoring', roles: [...OFFICE_ROLES, 'platform_admin', 'provider_admin'], nav: 'monitoring.nav', title: 'monitoring.nav', component: lazy(() => import('../features/monitoring/MonitoringPage')) },
  // the old figures page: its bookmarks open the dashboards
  { path: '/statistik', roles: ['office_admin', 'platform_admin'], title: 'monitoring.nav', component: lazy(() => import('../features/monitoring/StatisticsRedirect')) },
  { path: '/benutzer', roles: ADMIN_ROLES, nav: 'nav.users', title: 'nav.users', component: lazy(() => import('../features/admin/UsersPage')) },
  { path: '/lotse-verwaltung', roles: ['platform_admin', 'office_admin'], nav: 'navigator.admin.nav', title: 'navigator.admin.nav', component: lazy(() => import('../features/navigator/admin/DialogueAdminPage')) },
  { path: '/einstellungen', roles: ROLES, nav: 'notifications.nav', title: 'notifications.nav', component: lazy(() => import('../features/notifications/SettingsPage')) },
  { path: '/organisationen', roles: ['platform_admin'], nav: 'nav.organisations', title: 'nav.organisations', component: lazy(() => import('../features/admin/OrganisationsPage')) },
  { path: '/zugriffsprotokoll', roles: ['office_admin', 'platform_admin'], nav: 'audit.nav', title: 'audit.nav', component: lazy(() => import('../features/audit/AccessLogPage')) },
];

/** Where a role lands after login: the on-call worker goes straight to the emergency search. */
export const ROLE_HOME: Partial<Record<Role, string>> = { oncall: '/notfall' };

/** Public screens (no login): directory, navigator, the reminder's confirm link. */
export const publicRoutes: Omit<AppRoute, 'roles'>[] = [
  { path: '/verzeichnis', title: 'public.directory', component: lazy(() => import('../features/directory/DirectoryPage')) },
  { path: '/lotse', title: 'public.navigator', component: lazy(() => import('../features/navigator/NavigatorPage')) },
  { path: '/passwort-neu', title: 'titles.passwordReset', component: lazy(() => import('../features/auth/PasswordResetPage')) },
  { path: '/bestaetigen', title: 'confirm.title', component: lazy(() => import('../features/confirm/ConfirmLinkPage')) },
];
