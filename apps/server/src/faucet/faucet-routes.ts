import { lamports } from '@solana/kit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, faucetResponseSchema } from '@insignia/contract';
import type { BundledValidator } from '../app/create-chain.ts';
import { currentUser, type AuthGuards } from '../auth/auth-guards.ts';
import type { ChainRpc } from '../chain/create-chain-rpc.ts';
import { AppError } from '../errors/app-error.ts';

const SOL = 1_000_000_000n;
/** What one press of the faucet button adds: enough for many unlocks and upgrades. */
export const FAUCET_LAMPORTS = 2n * SOL;
/** A wallet at or above this balance gets nothing more: the faucet is for getting started. */
export const FAUCET_CEILING_LAMPORTS = 10n * SOL;

/**
 * `POST /api/dev/faucet`: test SOL for the caller's linked wallet, from the bundled local
 * validator. Registered only in embedded mode; the validator's own JSON-RPC port (where
 * `requestAirdrop` lives) is not reachable from the browser.
 */
export function registerFaucetRoutes(
  app: FastifyInstance,
  deps: {
    guards: AuthGuards;
    rpc: Pick<ChainRpc['rpc'], 'getBalance'>;
    validator: BundledValidator | undefined;
  },
): void {
  const { validator } = deps;
  if (!validator) return;
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/dev/faucet',
    {
      schema: {
        tags: ['dev'],
        summary: 'Fund the linked wallet with test SOL (local validator only)',
        security: [{ bearerAuth: [] }],
        response: {
          200: faucetResponseSchema,
          401: errorBodySchema,
          409: errorBodySchema,
          429: errorBodySchema,
        },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      preHandler: deps.guards.requireUser,
    },
    async (request) => {
      const wallet = currentUser(request).walletAddress;
      if (!wallet) throw new AppError('FAUCET__WALLET_NOT_LINKED');
      const before = (await deps.rpc.getBalance(wallet).send()).value;
      if (before >= FAUCET_CEILING_LAMPORTS) {
        throw new AppError('FAUCET__LIMIT_REACHED', { balanceLamports: before.toString() });
      }
      const signature = await validator.airdrop(wallet, lamports(FAUCET_LAMPORTS));
      return {
        address: wallet,
        fundedLamports: FAUCET_LAMPORTS.toString(),
        balanceLamports: (before + FAUCET_LAMPORTS).toString(),
        signature,
      };
    },
  );
}
