import {
  appendTransactionMessageInstructions,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Blockhash,
  type Instruction,
  type Rpc,
  type SolanaRpcApi,
  type Signature,
  type TransactionSigner,
} from '@solana/kit';

/** The kit RPC client type used in tests (the full API, test-cluster methods such as requestAirdrop included). */
export type TestRpc = Rpc<SolanaRpcApi>;

/** A raw JSON-RPC call over fetch; returns the HTTP status and the parsed body (or text). */
export async function rawRpc(
  url: string,
  body: unknown,
  // Tests probe arbitrary response fields (error.data.logs, result.value, ...).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (e.g. 503 text)
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Builds and signs a v0 transaction; `blockhash` defaults to the latest. */
export async function signedTransaction(
  rpc: TestRpc,
  feePayer: TransactionSigner,
  instructions: readonly Instruction[],
  lifetime?: { blockhash: Blockhash; lastValidBlockHeight: bigint },
) {
  const blockhash = lifetime ?? (await rpc.getLatestBlockhash().send()).value;
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const transaction = await signTransactionMessageWithSigners(message);
  return { transaction, wire: getBase64EncodedWireTransaction(transaction) };
}

/** Polls getSignatureStatuses until the signature is confirmed; throws on a transaction error or timeout. */
export async function waitForConfirmation(
  rpc: TestRpc,
  signature: Signature,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { value } = await rpc.getSignatureStatuses([signature], { searchTransactionHistory: true }).send();
    const status = value[0];
    if (status?.err) throw new Error(`transaction failed: ${JSON.stringify(status.err)}`);
    if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${signature} not confirmed within ${timeoutMs} ms`);
}

/** Signs, sends (base64) and waits for confirmation; returns the signature. */
export async function sendAndConfirm(
  rpc: TestRpc,
  feePayer: TransactionSigner,
  instructions: readonly Instruction[],
): Promise<Signature> {
  const { wire } = await signedTransaction(rpc, feePayer, instructions);
  const signature = await rpc.sendTransaction(wire, { encoding: 'base64' }).send();
  await waitForConfirmation(rpc, signature);
  return signature;
}
