import { encodeBase58 } from './base58.ts';
import { MEMO_PROGRAMS } from './svm.ts';

const SYSTEM_PROGRAM = '11111111111111111111111111111111';

/**
 * An instruction in jsonParsed transactions: parsed for spl-memo and the common system
 * instructions, otherwise "partially decoded" (`{ programId, accounts, data }`), which is how a
 * validator renders any program it has no parser for.
 */
export function parseInstruction(
  programId: string,
  accounts: readonly string[],
  data: Uint8Array,
  stackHeight: number | null,
): Record<string, unknown> {
  if (MEMO_PROGRAMS.has(programId)) {
    return { parsed: Buffer.from(data).toString('utf8'), program: 'spl-memo', programId, stackHeight };
  }
  if (programId === SYSTEM_PROGRAM && data.length >= 4) {
    const view = Buffer.from(data.buffer, data.byteOffset, data.length);
    const kind = view.readUInt32LE(0);
    if (kind === 2 && data.length >= 12) {
      const info = { destination: accounts[1], lamports: view.readBigUInt64LE(4), source: accounts[0] };
      return { parsed: { info, type: 'transfer' }, program: 'system', programId, stackHeight };
    }
    if (kind === 0 && data.length >= 52) {
      const info = {
        lamports: view.readBigUInt64LE(4),
        newAccount: accounts[1],
        owner: encodeBase58(data.subarray(20, 52)),
        source: accounts[0],
        space: view.readBigUInt64LE(12),
      };
      return { parsed: { info, type: 'createAccount' }, program: 'system', programId, stackHeight };
    }
  }
  return { accounts, data: encodeBase58(data), programId, stackHeight };
}
