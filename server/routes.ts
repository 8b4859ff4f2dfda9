import { authRoutes } from './features/auth/routes';
import { metaRoutes } from './features/meta-routes';
import { organisationRoutes } from './features/organisations/routes';
import { userRoutes } from './features/users/routes';
import { requestRoutes } from './features/requests/routes';
import { emergencyRoutes } from './features/emergency/routes';
import type { RouteDef } from './http/route';

/** Every API route of the product. The app mounts exactly these; OpenAPI and the access test read them. */
export const allRoutes: RouteDef[] = [...metaRoutes, ...authRoutes, ...userRoutes, ...organisationRoutes, ...requestRoutes, ...emergencyRoutes];
