import type { Instruction, Transaction } from '@solana/kit';
import type { BuiltMessage } from './create-base-message.ts';
import {
  BLOCKHASH,
  type InstructionPatch,
  type MessageTemplate,
  type TemplateRequest,
} from './message-template.ts';

/** `list[i]`, which the template's construction guarantees is there. */
function nth<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new RangeError(`message template slot ${i} is empty`);
  return value;
}

const freezeLike = <T extends object>(original: object, value: T): T =>
  Object.isFrozen(original) ? Object.freeze(value) : value;

/** `template` with `request`'s variables, signers and blockhash: the message and its compiled form. */
export function renderMessageTemplate(
  template: MessageTemplate,
  request: TemplateRequest,
): { message: BuiltMessage; compiled: Transaction } {
  const { variables, variableBytes, lifetime } = request;
  const bytes = template.bytes.slice();
  for (const { offset, variable } of template.patches)
    bytes.set(variable === BLOCKHASH ? request.blockhashBytes : nth(variableBytes, variable), offset);
  const signatures: Record<string, null> = {};
  for (const slot of template.signerSlots)
    signatures[typeof slot === 'number' ? nth(variables, slot) : slot] = null;
  // The same objects, frozen the same way, as kit's compileTransaction and message setters give.
  const compiled = Object.freeze({
    lifetimeConstraint: {
      blockhash: lifetime.blockhash,
      lastValidBlockHeight: lifetime.lastValidBlockHeight,
    },
    messageBytes: bytes,
    signatures: Object.freeze(signatures),
  }) as unknown as Transaction;
  const message = Object.freeze({
    ...template.message,
    feePayer: Object.freeze(request.feePayer),
    lifetimeConstraint: Object.freeze(lifetime),
    instructions: Object.freeze(template.instructions.map((patch) => renderInstruction(patch, request))),
  }) as BuiltMessage;
  return { message, compiled };
}

/** The template's instruction itself when nothing in it varies, else a copy with `request`'s values. */
function renderInstruction(
  { instruction, accounts, data }: InstructionPatch,
  request: TemplateRequest,
): Instruction {
  const metas = instruction.accounts ?? [];
  const nextMetas: (typeof metas)[number][] = [];
  let metasChanged = false;
  for (const [i, meta] of metas.entries()) {
    const slot = accounts[i];
    const address = slot?.variable === undefined ? meta.address : nth(request.variables, slot.variable);
    const signer = slot?.signer === undefined ? undefined : nth(request.signers, slot.signer);
    const same =
      address === meta.address && (signer === undefined || ('signer' in meta && meta.signer === signer));
    if (!same) metasChanged = true;
    nextMetas.push(same ? meta : freezeLike(meta, { ...meta, address, ...(signer ? { signer } : {}) }));
  }
  let nextData: Uint8Array | undefined;
  if (instruction.data && data.length > 0) {
    nextData = new Uint8Array(instruction.data);
    for (const { offset, variable } of data) nextData.set(nth(request.variableBytes, variable), offset);
  }
  if (!metasChanged && !nextData) return instruction;
  return freezeLike(instruction, {
    ...instruction,
    ...(metasChanged && instruction.accounts
      ? { accounts: freezeLike(instruction.accounts, nextMetas) }
      : {}),
    ...(nextData ? { data: nextData } : {}),
  });
}
