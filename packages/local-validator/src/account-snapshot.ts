/** The system program, also the owner of every deleted (zero-lamport) account. */
export const SYSTEM_PROGRAM = '11111111111111111111111111111111';

/** An account's state at one moment. Accounts with zero lamports do not exist, as on a real cluster. */
export interface AccountSnapshot {
  readonly address: string;
  readonly lamports: bigint;
  readonly owner: string;
  readonly executable: boolean;
  readonly data: Uint8Array;
}

/** An account as written to disk: `lamports: "0"` means "deleted". */
export interface StoredAccount {
  readonly address: string;
  readonly lamports: string;
  readonly owner: string;
  readonly executable: boolean;
  /** base64 */
  readonly data: string;
}

/** Whether two snapshots hold the same state. */
export function sameAccount(a: AccountSnapshot | null, b: AccountSnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.lamports === b.lamports &&
    a.owner === b.owner &&
    a.executable === b.executable &&
    Buffer.compare(a.data, b.data) === 0
  );
}

/** Serializes a snapshot (or a deletion) for the write-ahead log. */
export function toStoredAccount(address: string, account: AccountSnapshot | null): StoredAccount {
  return {
    address,
    lamports: (account?.lamports ?? 0n).toString(),
    owner: account?.owner ?? SYSTEM_PROGRAM,
    executable: account?.executable ?? false,
    data: Buffer.from(account?.data ?? new Uint8Array(0)).toString('base64'),
  };
}

/** Parses a stored account; null when it records a deletion. */
export function fromStoredAccount(stored: StoredAccount): AccountSnapshot | null {
  const lamports = BigInt(stored.lamports);
  if (lamports === 0n) return null;
  const data = new Uint8Array(Buffer.from(stored.data, 'base64'));
  return { address: stored.address, lamports, owner: stored.owner, executable: stored.executable, data };
}
