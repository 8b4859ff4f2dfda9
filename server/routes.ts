import { accessLogRoutes } from './features/access-log/routes';
import { passwordRoutes } from './features/auth/password-routes';
import { authRoutes } from './features/auth/routes';
import { metaRoutes } from './features/meta-routes';
import { organisationRoutes } from './features/organisations/routes';
import { userRoutes } from './features/users/routes';
import { requestRoutes } from './features/requests/routes';
import { emergencyRoutes } from './features/emergency/routes';
import { fallbackRoutes } from './features/emergency/fallback-routes';
import { notificationRoutes } from './features/notifications/routes';
import { statisticsRoutes } from './features/statistics/routes';
import { monitoringRoutes } from './features/monitoring/routes';
import { districtBoundaryRoutes } from './features/monitoring/districts';
import { taxonomyRoutes } from './features/taxonomies/routes';
import { facilityRoutes } from './features/facilities/routes';
import { unitRoutes } from './features/units/routes';
import { availabilityRoutes } from './features/availability/routes';
import { confirmLinkRoutes } from './features/confirm-links/routes';
import { apiTokenRoutes } from './features/api-tokens/routes';
import { searchRoutes } from './features/search/routes';
import { directoryRoutes } from './features/directory/routes';
import { hsdsRoutes } from './features/hsds/routes';
import { navigatorRoutes } from './features/navigator/routes';
import { caseRoutes } from './features/cases/routes';
import type { RouteDef } from './http/route';

/** Every API route of the product. The app mounts exactly these; OpenAPI and the access test read them. */
export const allRoutes: RouteDef[] = [...metaRoutes, ...authRoutes, ...passwordRoutes, ...userRoutes, ...organisationRoutes, ...taxonomyRoutes, ...facilityRoutes, ...unitRoutes, ...availabilityRoutes, ...confirmLinkRoutes, ...apiTokenRoutes, ...requestRoutes, ...emergencyRoutes, ...fallbackRoutes, ...notificationRoutes, ...statisticsRoutes, ...monitoringRoutes, ...districtBoundaryRoutes, ...searchRoutes, ...directoryRoutes, ...hsdsRoutes, ...navigatorRoutes, ...accessLogRoutes, ...caseRoutes];
