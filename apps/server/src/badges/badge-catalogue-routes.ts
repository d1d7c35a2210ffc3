import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  badgeCategoriesSchema,
  badgeCategorySchema,
  badgeListQuerySchema,
  badgeListSchema,
  badgeSchema,
  createBadgeCategorySchema,
  createBadgeSchema,
  deleteBadgeResultSchema,
  errorBodySchema,
  updateBadgeCategorySchema,
  updateBadgeSchema,
} from '@insignia/contract';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { BadgeCatalogueService } from './badge-catalogue-service.ts';
import type { BadgeCategoryService } from './badge-category-service.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
};
const idParams = z.object({ id: z.uuid() });

/** `/api/admin/badge-categories` and `/api/admin/badges`: the catalogue, admins only. */
export function registerBadgeCatalogueRoutes(
  app: FastifyInstance,
  deps: { guards: AuthGuards; categories: BadgeCategoryService; catalogue: BadgeCatalogueService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = { tags: ['admin', 'badges'], security: [{ bearerAuth: [] }] };
  // On request, before the body is even parsed: a non-admin learns nothing about the API.
  const onRequest = deps.guards.requireAdmin;
  const { categories, catalogue } = deps;

  r.get(
    '/api/admin/badge-categories',
    { schema: { ...base, response: { 200: badgeCategoriesSchema, ...errors } }, onRequest },
    async () => ({ items: await categories.list() }),
  );
  r.post(
    '/api/admin/badge-categories',
    {
      schema: { ...base, body: createBadgeCategorySchema, response: { 201: badgeCategorySchema, ...errors } },
      onRequest,
    },
    async (request, reply) =>
      reply.status(201).send(await categories.create(currentUser(request).id, request.body)),
  );
  r.get(
    '/api/admin/badge-categories/:id',
    { schema: { ...base, params: idParams, response: { 200: badgeCategorySchema, ...errors } }, onRequest },
    async (request) => categories.get(request.params.id),
  );
  r.patch(
    '/api/admin/badge-categories/:id',
    {
      schema: {
        ...base,
        params: idParams,
        body: updateBadgeCategorySchema,
        response: { 200: badgeCategorySchema, ...errors },
      },
      onRequest,
    },
    async (request) => categories.update(currentUser(request).id, request.params.id, request.body),
  );
  r.delete(
    '/api/admin/badge-categories/:id',
    {
      schema: {
        ...base,
        summary: 'Delete an empty category',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
      onRequest,
    },
    async (request, reply) => {
      await categories.remove(currentUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/admin/badges',
    {
      schema: {
        ...base,
        summary: 'The badge catalogue, filtered and paged',
        querystring: badgeListQuerySchema,
        response: { 200: badgeListSchema, ...errors },
      },
      onRequest,
    },
    async (request) => catalogue.list(request.query),
  );
  r.post(
    '/api/admin/badges',
    {
      schema: {
        ...base,
        summary: 'Create a badge (a blockchain badge also gets its Token-2022 mint)',
        body: createBadgeSchema,
        response: { 201: badgeSchema, ...errors },
      },
      onRequest,
    },
    async (request, reply) =>
      reply.status(201).send(await catalogue.create(currentUser(request).id, request.body)),
  );
  r.get(
    '/api/admin/badges/:id',
    { schema: { ...base, params: idParams, response: { 200: badgeSchema, ...errors } }, onRequest },
    async (request) => catalogue.get(request.params.id),
  );
  r.patch(
    '/api/admin/badges/:id',
    {
      schema: {
        ...base,
        params: idParams,
        body: updateBadgeSchema,
        response: { 200: badgeSchema, ...errors },
      },
      onRequest,
    },
    async (request) => catalogue.update(currentUser(request).id, request.params.id, request.body),
  );
  r.delete(
    '/api/admin/badges/:id',
    {
      schema: {
        ...base,
        summary: 'Delete a badge never issued; otherwise archive it',
        params: idParams,
        response: { 200: deleteBadgeResultSchema, ...errors },
      },
      onRequest,
    },
    async (request) => catalogue.remove(currentUser(request).id, request.params.id),
  );
  r.post(
    '/api/admin/badges/:id/retry-mint',
    {
      schema: {
        ...base,
        summary: 'Try again to create the mint of a badge whose mint creation failed',
        params: idParams,
        response: { 200: badgeSchema, ...errors },
      },
      onRequest,
    },
    async (request) => catalogue.retryMint(currentUser(request).id, request.params.id),
  );
}
