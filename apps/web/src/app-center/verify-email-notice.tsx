import { emailCodeSentSchema, meResponseSchema } from '@insignia/contract';
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { describeError } from '../api/api-error.ts';
import { useAuth, useCurrentUser } from '../auth/auth-context.tsx';
import { ErrorNotice } from '../layout/error-notice.tsx';

type Step =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'sent'; sentTo: string; resendAfter: number }
  | { status: 'verifying'; sentTo: string; resendAfter: number };

/** Seconds until `at`, ticking once a second while it is in the future. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null || at <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1_000));
}

/**
 * Asks the person to prove their email address with an emailed code. Until they do, trades
 * and badges the platform sends by email wait instead of counting for this account.
 */
export function VerifyEmailNotice({ onVerified }: { onVerified: () => void }) {
  const { api, updateUser } = useAuth();
  const user = useCurrentUser();
  const id = useId();
  const [step, setStep] = useState<Step>({ status: 'idle' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resendAfter = step.status === 'sent' || step.status === 'verifying' ? step.resendAfter : null;
  const wait = useSecondsUntil(resendAfter);

  async function sendCode() {
    setError(null);
    const previous = step;
    setStep({ status: 'sending' });
    try {
      const sent = await api.send('POST', '/api/auth/email/code', emailCodeSentSchema);
      setStep({ status: 'sent', sentTo: sent.sentTo, resendAfter: Date.parse(sent.resendAfter) });
    } catch (e) {
      setError(describeError(e));
      setStep(previous.status === 'sending' ? { status: 'idle' } : previous);
    }
  }

  async function verify(event: SubmitEvent) {
    event.preventDefault();
    if (step.status !== 'sent') return;
    setError(null);
    setStep({ ...step, status: 'verifying' });
    try {
      const { user: updated } = await api.send('POST', '/api/auth/email/verify', meResponseSchema, {
        body: { code: code.trim() },
      });
      updateUser(updated);
      onVerified();
    } catch (e) {
      setError(describeError(e));
      setStep({ ...step, status: 'sent' });
    }
  }

  const sent = step.status === 'sent' || step.status === 'verifying';
  return (
    <section className="notice notice--info" aria-labelledby={`${id}-title`} data-testid="verify-email">
      <h2 className="notice__title" id={`${id}-title`}>
        Verify your email address
      </h2>
      <p>
        Trades and badges sent to <strong>{user.email}</strong> wait until you confirm the address is yours.
      </p>
      {error && <ErrorNotice message={error} />}
      {!sent ? (
        <button
          className="button button--small"
          type="button"
          disabled={step.status === 'sending'}
          onClick={() => void sendCode()}
        >
          {step.status === 'sending' ? 'Sending…' : 'Email me a code'}
        </button>
      ) : (
        <form className="form" onSubmit={(e) => void verify(e)} noValidate>
          <p role="status">We sent a 6-digit code to {step.sentTo}. It works for 15 minutes.</p>
          <div className="field">
            <label htmlFor={`${id}-code`}>Verification code</label>
            <input
              id={`${id}-code`}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          </div>
          <button
            className="button button--primary button--small"
            type="submit"
            disabled={step.status === 'verifying' || code.length !== 6}
          >
            {step.status === 'verifying' ? 'Checking…' : 'Verify'}
          </button>{' '}
          <button
            className="button button--small"
            type="button"
            disabled={wait > 0 || step.status === 'verifying'}
            onClick={() => void sendCode()}
          >
            {wait > 0 ? `Send a new code (${wait} s)` : 'Send a new code'}
          </button>
        </form>
      )}
    </section>
  );
}
