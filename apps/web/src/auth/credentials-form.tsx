import { emailSchema, passwordSchema, type Credentials } from '@insignia/contract';
import { useId, useState, type SubmitEvent } from 'react';
import { describeError } from '../api/api-error.ts';

interface CredentialsFormProps {
  mode: 'login' | 'register';
  submitLabel: string;
  busyLabel: string;
  onSubmit: (credentials: Credentials) => Promise<void>;
}

type FieldErrors = Partial<Record<keyof Credentials, string>>;

function validate(mode: CredentialsFormProps['mode'], email: string, password: string) {
  const errors: FieldErrors = {};
  const parsedEmail = emailSchema.safeParse(email);
  if (!email.trim()) errors.email = 'Enter your email address.';
  else if (!parsedEmail.success) errors.email = 'Enter a valid email address, like name@example.com.';
  if (!password) errors.password = 'Enter your password.';
  else if (mode === 'register' && !passwordSchema.safeParse(password).success) {
    errors.password = 'Use at least 8 characters.';
  }
  const credentials = parsedEmail.success ? { email: parsedEmail.data, password } : null;
  return { errors, credentials };
}

/** Email + password form shared by the login and register pages. */
export function CredentialsForm({ mode, submitLabel, busyLabel, onSubmit }: CredentialsFormProps) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const { errors, credentials } = validate(mode, email, password);
    setFieldErrors(errors);
    setFormError(null);
    if (!credentials || Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await onSubmit(credentials);
    } catch (error) {
      setFormError(describeError(error));
      setBusy(false);
    }
  }

  const emailHint = `${id}-email-error`;
  const passwordHint = `${id}-password-hint`;

  return (
    <form className="form" onSubmit={(e) => void handleSubmit(e)} noValidate aria-busy={busy}>
      {formError && (
        <div className="notice notice--error" role="alert">
          {formError}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete={mode === 'login' ? 'username' : 'email'}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? emailHint : undefined}
          required
        />
        {fieldErrors.email && (
          <p className="field__error" id={emailHint}>
            {fieldErrors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={passwordHint}
          required
        />
        <p className={fieldErrors.password ? 'field__error' : 'field__hint'} id={passwordHint}>
          {fieldErrors.password ?? (mode === 'register' ? 'At least 8 characters.' : '')}
        </p>
      </div>
      <button className="button button--primary button--block" type="submit" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
