import { useEffect, useId, useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { CredentialResult } from './credential-result.tsx';
import { MAX_CREDENTIAL_CHARS, parseCredentialText } from './parse-credential-text.ts';
import { useVerifyCredentialFile } from './use-verification.ts';
import './verify.css';

/**
 * `/verify/credential`: checks an Open Badges 3.0 credential file someone was given. The file
 * is read in the browser and sent to `POST /api/public/credentials/verify`; nothing is stored.
 */
export function VerifyCredentialPage() {
  useDocumentTitle('Check a credential');
  const ids = { text: useId(), file: useId(), error: useId() };
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const check = useVerifyCredentialFile();
  // On a phone the result is below the form: bring it into view when it arrives.
  const result = useRef<HTMLElement>(null);
  useEffect(() => {
    if (check.data) result.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [check.data]);

  async function pickFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    check.reset();
    if (file.size > MAX_CREDENTIAL_CHARS) {
      setProblem('This file is too large to be a badge credential.');
      return;
    }
    const content = await file.text().catch(() => null);
    if (content === null) {
      setProblem('The file could not be read. Choose it again.');
      return;
    }
    setText(content);
    submit(content);
  }

  function submit(content: string) {
    const parsed = parseCredentialText(content);
    if (!parsed.ok) {
      check.reset();
      setProblem(parsed.message);
      return;
    }
    setProblem(null);
    check.mutate(parsed.credential);
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(text);
  }

  const error = problem ?? (check.error ? check.error.message : null);
  return (
    <main className="page verify">
      <section className="card proof" aria-labelledby="check-credential-title">
        <h1 id="check-credential-title">Check a credential</h1>
        <p className="muted">
          Someone gave you an Open Badges 3.0 credential (a .json file)? Choose it or paste it here to check
          its signature, its issuer, whether it was revoked and whether it is still within its validity
          period.
        </p>
        <form className="credential-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={ids.file}>Credential file</label>
            <input
              id={ids.file}
              type="file"
              accept=".json,application/json,application/ld+json"
              onChange={(e) => void pickFile(e)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.text}>Or paste its contents</label>
            <textarea
              id={ids.text}
              value={text}
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
              placeholder='{ "@context": [ … ], "type": [ "VerifiableCredential", "OpenBadgeCredential" ], … }'
            />
          </div>
          {error && (
            <p className="credential-form__error" id={ids.error} role="alert">
              {error}
            </p>
          )}
          <div className="credential-form__actions">
            <button type="submit" className="button button--primary" disabled={check.isPending}>
              {check.isPending ? 'Checking…' : 'Check credential'}
            </button>
          </div>
        </form>
      </section>
      {check.data && !problem && (
        <section
          ref={result}
          className="card proof"
          aria-labelledby="check-result-title"
          data-testid="credential-file-result"
        >
          <h2 id="check-result-title">Result</h2>
          <CredentialResult verification={check.data} />
        </section>
      )}
      <p className="verify__privacy muted">
        The file is checked by this platform and not kept. Any Open Badges 3.0 verifier can check it too.
      </p>
    </main>
  );
}
