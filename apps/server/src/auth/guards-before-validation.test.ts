import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { registerErrorHandling } from '../http/error-handler.ts';
import type { AuthGuards } from './auth-guards.ts';
import { registerGuardsBeforeValidation } from './guards-before-validation.ts';

const deny = () => Promise.reject(new AppError('AUTH__UNAUTHENTICATED'));
const guards = {
  requireUser: deny,
  requireAdmin: deny,
  requireToken: deny,
  requireApiKey: deny,
} as unknown as AuthGuards;

async function appWith(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerGuardsBeforeValidation(app, guards);
  register(app);
  await app.ready();
  return app;
}

const schema = { security: [{ bearerAuth: [] }], body: z.object({ name: z.string() }) };

describe('guards run before parsing and validation', () => {
  it.each(['preHandler', 'preValidation', 'onRequest'] as const)(
    'a guard declared in %s answers 401 to an invalid or unparsable body',
    async (phase) => {
      const app = await appWith((a) => a.post('/x', { schema, [phase]: guards.requireUser }, () => 'ok'));
      for (const payload of ['{"name":1}', '{"truncated":']) {
        const res = await app.inject({
          method: 'POST',
          url: '/x',
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(401);
      }
      await app.close();
    },
  );

  it('refuses to start a route whose schema and guard disagree', async () => {
    await expect(appWith((a) => a.post('/x', { schema }, () => 'ok'))).rejects.toThrow(/no auth guard/);
    await expect(
      appWith((a) => a.post('/x', { preHandler: guards.requireAdmin }, () => 'ok')),
    ).rejects.toThrow(/declares no security/);
  });
});
