/**
 * `@insignia/local-validator`: a Solana JSON-RPC (and PubSub) server over LiteSVM, with the real
 * SPL Token / Token-2022 programs, blockhash expiry, persistence and test-only fault injection.
 */
export {
  startLocalValidator,
  type LocalValidator,
  type LocalValidatorOptions,
} from './start-local-validator.ts';
export type { FaultController, FaultMode, FaultSpec } from './fault-controller.ts';
export type { Logger } from './logger.ts';
