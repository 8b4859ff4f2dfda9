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
  { path: '/users', roles: ADMINS, nav: 'nav.users', component: lazy(() => import('../features/admin/UsersPage')) },
  { path: '/organisations', roles: ['platform_admin'], nav: 'nav.organisations', component: lazy(() => import('../features/admin/OrganisationsPage')) },
];

/** Public screens (no login): directory, navigator. */
export const publicRoutes: Omit<AppRoute, 'roles'>[] = [];
