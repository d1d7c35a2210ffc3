import { z } from 'zod';

/**
 * `POST /api/dev/faucet` (embedded mode only): test SOL from the local validator's faucet,
 * sent to the caller's linked wallet. Lamport amounts are decimal strings (u64).
 */
export const faucetResponseSchema = z.object({
  address: z.string(),
  /** What this call added. */
  fundedLamports: z.string(),
  /** The wallet's balance after the airdrop. */
  balanceLamports: z.string(),
  signature: z.string(),
});
export type FaucetResponse = z.infer<typeof faucetResponseSchema>;
