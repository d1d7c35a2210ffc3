import { readFileSync } from 'node:fs';
import { claimRequestedWebhookSchema } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

/** The `http` sample under "The claim webhook" in the repository's README. */
function readmeSample(): { headers: Record<string, string>; body: string } {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## The claim webhook')[1] ?? '';
  const block = /```http\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('README has no claim webhook sample');
  const [head = '', body = ''] = block.split('\n\n');
  const headers = Object.fromEntries(
    head
      .split('\n')
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { headers, body };
}

// Integrators copy this sample into their receivers: it must be what the server really sends.
describe('the README claim webhook sample', () => {
  const { headers, body } = readmeSample();

  it('has exactly the fields of the claim.requested payload', () => {
    expect(headers['x-insignia-event']).toBe('claim.requested');
    const parsed = claimRequestedWebhookSchema.strict().safeParse(JSON.parse(body));
    expect(parsed.error).toBeUndefined();
    expect(Object.keys(JSON.parse(body) as object).sort()).toEqual(
      Object.keys(claimRequestedWebhookSchema.shape).sort(),
    );
  });

  it('carries the signature the README says, for the secret it names', () => {
    const now = new Date(Number(headers['x-insignia-timestamp']) * 1000);
    const check = (secret: string, rawBody: string) =>
      verifyWebhookSignature({ secret, headers, rawBody, now });
    expect(check('whsec_SAMPLE_SECRET', body)).toEqual({ ok: true });
    expect(check('whsec_SAMPLE_SECRET', body.replace('Early Trader', 'Late Trader')).ok).toBe(false);
    expect(check('whsec_OTHER_SECRET', body).ok).toBe(false);
  });
});
