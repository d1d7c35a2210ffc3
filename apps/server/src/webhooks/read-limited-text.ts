/**
 * At most `limit` bytes of the response body, as text; the rest is not even read. NUL characters
 * are dropped: PostgreSQL text cannot hold them, and a receiver's reply must not break the update.
 */
export async function readLimitedText(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(parts).subarray(0, limit).toString('utf8').replaceAll('\u0000', '');
}
