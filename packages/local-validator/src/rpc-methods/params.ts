import { getBase58Encoder, isAddress, isSignature } from '@solana/kit';
import type { Chain } from '../chain.ts';
import { invalidParams, RpcError, RpcErrorCode, variantText } from '../json-rpc.ts';

/** The version this validator reports (getVersion, and `apiVersion` in response contexts). */
export const SOLANA_CORE_VERSION = '2.3.0';

const COMMITMENTS = new Set([
  'processed',
  'confirmed',
  'finalized',
  'recent',
  'single',
  'singleGossip',
  'root',
  'max',
]);

/** A config object (the optional last param of most methods). */
export type Config = Record<string, unknown>;

/** The `index`th param as a base58 public key. */
export function addressParam(params: readonly unknown[], index: number): string {
  const value = params[index];
  if (typeof value !== 'string' || !isAddress(value)) throw invalidParamValue(value);
  return value;
}

/** A value as a base58 transaction signature. */
export function signatureValue(value: unknown): string {
  if (typeof value !== 'string' || !isSignature(value)) throw invalidParamValue(value);
  return value;
}

function invalidParamValue(value: unknown): RpcError {
  const reason = value === undefined ? 'missing' : 'Invalid';
  return new RpcError(RpcErrorCode.InvalidParams, `Invalid param: ${reason}`);
}

/** The `index`th param as a config object ({} when absent), with commitment and minContextSlot checked. */
export function configParam(params: readonly unknown[], index: number, chain: Chain): Config {
  const value = params[index];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParams('invalid type: expected a config object');
  const config = value as Config;
  const { commitment } = config;
  if (commitment !== undefined && (typeof commitment !== 'string' || !COMMITMENTS.has(commitment))) {
    throw invalidParams(
      `unknown variant \`${variantText(commitment)}\`, expected \`processed\`, \`confirmed\` or \`finalized\``,
    );
  }
  const minContextSlot = config.minContextSlot;
  if (minContextSlot !== undefined && minContextSlot !== null) {
    if (typeof minContextSlot !== 'number') throw invalidParams('minContextSlot must be a number');
    const slot = chain.sync();
    if (slot < minContextSlot) {
      throw new RpcError(RpcErrorCode.MinContextSlotNotReached, 'Minimum context slot has not been reached', {
        contextSlot: slot,
      });
    }
  }
  return config;
}

/** Rejects `processed` for methods that only serve confirmed data (getTransaction, getSignaturesForAddress). */
export function requireConfirmedCommitment(config: Config): void {
  if (config.commitment === 'processed')
    throw invalidParams('Method does not support commitment below `confirmed`');
}

/** A boolean option, with a default. */
export function booleanOption(config: Config, key: string, fallback: boolean): boolean {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidParams(`${key} must be a boolean`);
  return value;
}

/** A non-negative integer option. */
export function integerOption(config: Config, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalidParams(`${key} must be a non-negative integer`);
  return value;
}

/** The `context` of RpcResponse-wrapped results. */
export function responseContext(chain: Chain): { slot: number; apiVersion: string } {
  return { slot: chain.sync(), apiVersion: SOLANA_CORE_VERSION };
}

/** Decodes a base58 or base64 string param; malformed input is a `-32602`. */
export function decodeBytes(value: unknown, encoding: unknown): Uint8Array {
  if (typeof value !== 'string') throw invalidParams('expected an encoded string');
  if (encoding === 'base64') {
    if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
      throw invalidParams('invalid base64 encoding');
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  if (encoding !== undefined && encoding !== null && encoding !== 'base58') {
    throw invalidParams(`unknown variant \`${variantText(encoding)}\`, expected \`base58\` or \`base64\``);
  }
  try {
    return new Uint8Array(getBase58Encoder().encode(value));
  } catch {
    throw invalidParams('invalid base58 encoding');
  }
}
