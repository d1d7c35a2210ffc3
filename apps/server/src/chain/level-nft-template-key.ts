import type { LevelNftMintInput } from './build-level-nft-mint.ts';
import type { BuildContext } from './create-base-message.ts';

/** The constant inputs of a level NFT message that a template key must name. */
export type LevelNftKeyInput = Pick<
  LevelNftMintInput,
  'name' | 'symbol' | 'uri' | 'level' | 'nonTransferable'
>;

/**
 * The key of a level NFT message template: every input that shapes the message other than the
 * addresses passed as variables or constants. `extra` names what only one builder has. The
 * level is written as the metadata writes it (`String(level)`).
 */
export function levelNftTemplateKey(
  builder: string,
  ctx: BuildContext,
  input: LevelNftKeyInput,
  mintLamports: bigint,
  extra: readonly (string | boolean)[] = [],
): string {
  const { unitPriceMicroLamports, unitLimit } = ctx.computeBudget ?? {};
  return JSON.stringify([
    builder,
    input.name,
    input.symbol,
    input.uri,
    String(input.level),
    input.nonTransferable ?? true,
    unitPriceMicroLamports?.toString() ?? null,
    unitLimit ?? null,
    mintLamports.toString(),
    ...extra,
  ]);
}

/** Whether `input` has only the listed fields (a field added later keeps kit's path until keyed). */
export function hasOnlyKeys(input: object, keyed: Readonly<Record<string, true>>): boolean {
  return Object.keys(input).every((k) => keyed[k] === true);
}
