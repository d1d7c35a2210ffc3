interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Collects the calls made during one turn of the event loop and answers them all with one call
 * of `runMany` (outputs in input order): under load, the reads of concurrent requests share one
 * round trip instead of paying a write, a reply and a parse each. At most `maxBatch` inputs
 * go in one call. A call waits at most until the loop's next check phase (setImmediate).
 */
export function batchByTick<I, O>(
  runMany: (inputs: I[]) => Promise<O[]>,
  maxBatch = 256,
): (input: I) => Promise<O> {
  let queue: Waiting<I, O>[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    runMany(batch.map((w) => w.input)).then(
      (outputs) => batch.forEach((w, i) => w.resolve(outputs[i] as O)),
      (err: unknown) => batch.forEach((w) => w.reject(err)),
    );
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ input, resolve, reject });
      if (queue.length >= maxBatch) flush();
    });
}
