import type { DecodedMessage } from './decode-transaction.ts';

const COMPUTE_BUDGET_PROGRAM = 'ComputeBudget111111111111111111111111111111';
const LAMPORTS_PER_SIGNATURE = 5000n;
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000n;
const MAX_COMPUTE_UNITS = 1_400_000n;

/**
 * The fee a message will pay: 5000 lamports per signature plus the priority fee
 * (`ceil(computeUnitPrice µ-lamports × computeUnitLimit / 1e6)`) from ComputeBudget instructions.
 */
export function estimateFee(message: DecodedMessage): bigint {
  let limit: bigint | undefined;
  let price = 0n;
  let otherInstructions = 0n;
  for (const ix of message.instructions) {
    const data = ix.data;
    if (message.staticAccounts[ix.programIdIndex] !== COMPUTE_BUDGET_PROGRAM) {
      otherInstructions++;
      continue;
    }
    const view = Buffer.from(data.buffer, data.byteOffset, data.length);
    if (data[0] === 2 && data.length >= 5) limit = BigInt(view.readUInt32LE(1));
    if (data[0] === 3 && data.length >= 9) price = view.readBigUInt64LE(1);
  }
  const units = limit ?? minBig(DEFAULT_UNITS_PER_INSTRUCTION * otherInstructions, MAX_COMPUTE_UNITS);
  const priorityFee = (price * units + 999_999n) / 1_000_000n;
  return LAMPORTS_PER_SIGNATURE * BigInt(message.header.numRequiredSignatures) + priorityFee;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
