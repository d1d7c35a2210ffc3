import type { Address, Instruction, Transaction, TransactionSigner } from '@solana/kit';
import type { BlockhashLifetime, BuiltMessage } from './create-base-message.ts';
import { encodeBase58 } from './base58.ts';
import { ADDRESS_BYTES, readMessageLayout, type MessageLayout } from './wire-layout.ts';

/** One build's inputs that vary between builds of the same message shape. */
export type TemplateRequest = Readonly<{
  /** Addresses that vary (owner, derived mint, token accounts...), in the builder's fixed order. */
  variables: readonly Address[];
  variableBytes: readonly Uint8Array[];
  /** Every signer the message holds, in the builder's fixed order (identity is what is matched). */
  signers: readonly TransactionSigner[];
  feePayer: TransactionSigner;
  lifetime: BlockhashLifetime;
  blockhashBytes: Uint8Array;
}>;

/** Where a variable (index) or the blockhash (BLOCKHASH) is written. */
export type Patch = Readonly<{ offset: number; variable: number }>;
export const BLOCKHASH = -1;

export type InstructionPatch = Readonly<{
  instruction: Instruction;
  /** Per account meta: the variable it holds and the signer slot it carries, when any. */
  accounts: readonly (Readonly<{ variable?: number; signer?: number }> | undefined)[];
  data: readonly Patch[];
}>;

/**
 * A compiled message with the places its variables and blockhash occupy: the message of another
 * build with the same constant inputs and the same account order is these bytes with its own
 * variables written in. See message-template-cache.ts for when that holds.
 */
export type MessageTemplate = Readonly<{
  message: BuiltMessage;
  bytes: Uint8Array;
  patches: readonly Patch[];
  /** Signature slots in order: a constant address or a variable index. */
  signerSlots: readonly (Address | number)[];
  instructions: readonly InstructionPatch[];
  /** The account keys (constant addresses, variable indexes) in kit's groups (see accountGroups). */
  groups: readonly (readonly (Address | number)[])[];
}>;

const MESSAGE_KEYS = new Set(['instructions', 'version', 'feePayer', 'lifetimeConstraint']);

function offsetsOf(haystack: Uint8Array, needle: Uint8Array): number[] {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  const found: number[] = [];
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Kit's compiler orders account keys fee payer first, then signers before non-signers and
 * writable before read-only, and by address inside each of those groups.
 */
function accountGroups(keys: readonly (Address | number)[], layout: MessageLayout) {
  const { numSigners, numReadonlySigners, numReadonlyNonSigners, accountCount } = layout;
  // fee payer | writable signers | read-only signers | writable | read-only
  const ends = [
    1,
    numSigners - numReadonlySigners,
    numSigners,
    accountCount - numReadonlyNonSigners,
    accountCount,
  ];
  return ends.map((end, i) => keys.slice(ends[i - 1] ?? 0, end));
}

/** Undefined when the message is not one a template can reproduce (kit builds those each time). */
export function createMessageTemplate(
  request: TemplateRequest,
  message: BuiltMessage,
  compiled: Transaction,
): MessageTemplate | undefined {
  const bytes = new Uint8Array(compiled.messageBytes);
  const layout = readMessageLayout(bytes);
  const isPlain = Object.keys(message).every((k) => MESSAGE_KEYS.has(k));
  if (!layout || !isPlain || message.feePayer !== request.feePayer) return undefined;
  const { variableBytes } = request;
  const keys: (Address | number)[] = [];
  for (let i = 0; i < layout.accountCount; i++) {
    const at = layout.accountsOffset + i * ADDRESS_BYTES;
    const key = bytes.subarray(at, at + ADDRESS_BYTES);
    const variable = variableBytes.findIndex((v) => Buffer.compare(v, key) === 0);
    keys.push(variable === -1 ? (encodeBase58(key) as Address) : variable);
  }
  // Every variable is one account key; the blockhash follows the keys.
  if (variableBytes.some((_, v) => keys.filter((k) => k === v).length !== 1)) return undefined;
  const [blockhashAt, ...elsewhere] = offsetsOf(bytes, request.blockhashBytes);
  if (blockhashAt !== layout.accountsOffset + layout.accountCount * ADDRESS_BYTES || elsewhere.length > 0)
    return undefined;
  const patches: Patch[] = [{ offset: blockhashAt, variable: BLOCKHASH }];
  for (const [variable, value] of variableBytes.entries())
    for (const offset of offsetsOf(bytes, value)) patches.push({ offset, variable });

  const instructions = patchInstructions(request, message);
  if (!instructions) return undefined;
  // Each variable's occurrences: its account key plus those in instruction data, nothing else.
  for (const v of variableBytes.keys()) {
    const inData = instructions.reduce((n, ix) => n + ix.data.filter((p) => p.variable === v).length, 0);
    if (patches.filter((p) => p.variable === v).length !== 1 + inData) return undefined;
  }
  // Occurrences that overlap would make the order of writes matter.
  const sorted = patches.map((p) => p.offset).sort((a, b) => a - b);
  if (sorted.some((offset, i) => i > 0 && offset < (sorted[i - 1] ?? 0) + ADDRESS_BYTES)) return undefined;
  const signerSlots = keys.slice(0, layout.numSigners);
  const signatureKeys = Object.keys(compiled.signatures);
  const slotAddress = (slot: Address | number) => (typeof slot === 'number' ? request.variables[slot] : slot);
  if (
    signatureKeys.length !== signerSlots.length ||
    signerSlots.some((s, i) => slotAddress(s) !== signatureKeys[i])
  )
    return undefined;
  return { message, bytes, patches, signerSlots, instructions, groups: accountGroups(keys, layout) };
}

function patchInstructions(request: TemplateRequest, message: BuiltMessage): InstructionPatch[] | undefined {
  const { variables, variableBytes, signers } = request;
  const out: InstructionPatch[] = [];
  for (const instruction of message.instructions) {
    if (variables.includes(instruction.programAddress)) return undefined;
    const accounts: InstructionPatch['accounts'][number][] = [];
    for (const meta of instruction.accounts ?? []) {
      if ('lookupTableAddress' in meta) return undefined;
      const variable = variables.indexOf(meta.address);
      const signer = 'signer' in meta ? signers.indexOf(meta.signer as TransactionSigner) : undefined;
      if (signer === -1) return undefined;
      accounts.push(
        variable === -1 && signer === undefined
          ? undefined
          : { ...(variable === -1 ? {} : { variable }), ...(signer === undefined ? {} : { signer }) },
      );
    }
    const data: Patch[] = [];
    const bytes = instruction.data ? new Uint8Array(instruction.data) : undefined;
    if (bytes && offsetsOf(bytes, request.blockhashBytes).length > 0) return undefined;
    for (const [variable, value] of variableBytes.entries())
      for (const offset of bytes ? offsetsOf(bytes, value) : []) data.push({ offset, variable });
    out.push({ instruction, accounts, data });
  }
  return out;
}
