import type { FastifyInstance } from 'fastify';
import type { AuthGuards } from '../auth/auth-guards.ts';
import { registerBadgeAuditRoutes } from './badge-audit-routes.ts';
import { registerBadgeCatalogueRoutes } from './badge-catalogue-routes.ts';
import { registerBadgeNotificationsRoutes } from './badge-notifications-routes.ts';
import type { BadgeFeature } from './create-badge-feature.ts';
import { registerIssuanceRoutes } from './issuance-routes.ts';
import { registerUserBadgesRoutes } from './user-badges-routes.ts';

/** Every badge route: the admin's catalogue, issuance and audit views; the person's badges and notifications. */
export function registerBadgeRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; badges: BadgeFeature },
) {
  const { guards, badges } = deps;
  registerBadgeCatalogueRoutes(app, { guards, categories: badges.categories, catalogue: badges.catalogue });
  registerIssuanceRoutes(app, { guards, issuances: badges.issuances, walletSigning: badges.walletSigning });
  registerBadgeAuditRoutes(app, { guards, audit: badges.audit });
  registerUserBadgesRoutes(app, { guards, userBadges: badges.userBadges });
  registerBadgeNotificationsRoutes(app, { guards, notifications: badges.notifications });
}
