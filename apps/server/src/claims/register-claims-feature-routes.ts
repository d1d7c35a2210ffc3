import type { FastifyInstance } from 'fastify';
import type { AuthGuards } from '../auth/auth-guards.ts';
import { registerClaimAdminRoutes } from './claim-admin-routes.ts';
import { registerClaimRoutes } from './claim-routes.ts';
import type { ClaimsFeature } from './create-claims-feature.ts';

/** Every route of claims (user and admin). */
export function registerClaimsFeatureRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; claims: ClaimsFeature },
): void {
  const { guards, claims } = deps;
  registerClaimRoutes(app, { guards, claims: claims.service });
  registerClaimAdminRoutes(app, { guards, admin: claims.admin, adminWallet: claims.adminWallet });
}
