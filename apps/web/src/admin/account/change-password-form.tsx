import { passwordChangedSchema, passwordSchema, type PasswordChanged } from '@insignia/contract';
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useAuth } from '../../auth/auth-context.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
type FieldErrors = Partial<Record<Field, string>>;

/** What the person typed that cannot be sent as is, field by field. */
function validate(current: string, next: string, confirm: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!current) errors.currentPassword = 'Enter the password you use now.';
  if (!passwordSchema.safeParse(next).success)
    errors.newPassword = next.length > 256 ? 'Use at most 256 characters.' : 'Use at least 8 characters.';
  else if (next === current) errors.newPassword = 'Choose a password different from the current one.';
  if (!errors.newPassword && confirm !== next) errors.confirmPassword = 'The two new passwords do not match.';
  return errors;
}

function successMessage(changed: PasswordChanged): string {
  const n = changed.endedOtherSessions;
  const others =
    n === 0
      ? 'You were not signed in anywhere else.'
      : `Signed out of ${n} other session${n === 1 ? '' : 's'}.`;
  return `Your password is changed. You stay signed in here. ${others}`;
}

/** Current password, new one twice; on success the person's other sessions end. */
export function ChangePasswordForm() {
  const { api } = useAuth();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  const focusFirst = (found: FieldErrors) => {
    const first = (['currentPassword', 'newPassword', 'confirmPassword'] as const).find((f) => found[f]);
    if (first) inputs.current[first]?.focus();
  };

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(values.currentPassword, values.newPassword, values.confirmPassword);
    setErrors(found);
    setFormError(null);
    setDone(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const changed = await api.send('POST', '/api/me/password', passwordChangedSchema, {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      setDone(successMessage(changed));
    } catch (error) {
      const fromServer = serverFieldError(error);
      if (fromServer) {
        setErrors(fromServer);
        focusFirst(fromServer);
      } else setFormError(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  const input = (field: Field, label: string, autoComplete: string, hint = '') => {
    const messageId = `${id}-${field}-msg`;
    return (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        <input
          ref={(el) => {
            inputs.current[field] = el;
          }}
          id={`${id}-${field}`}
          name={field}
          type="password"
          autoComplete={autoComplete}
          value={values[field]}
          onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={messageId}
          required
        />
        <p className={errors[field] ? 'field__error' : 'field__hint'} id={messageId}>
          {errors[field] ?? hint}
        </p>
      </div>
    );
  };

  return (
    <form className="form" onSubmit={(e) => void handleSubmit(e)} noValidate aria-busy={busy}>
      {formError && (
        <div className="notice notice--error" role="alert">
          {formError}
        </div>
      )}
      <div role="status">{done && <div className="notice notice--success">{done}</div>}</div>
      {input('currentPassword', 'Current password', 'current-password')}
      {input('newPassword', 'New password', 'new-password', 'At least 8 characters.')}
      {input('confirmPassword', 'New password again', 'new-password')}
      <div>
        <button className="button button--primary" type="submit" disabled={busy}>
          {busy ? 'Changing password…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

/** The server's refusals that are about one field, worded for that field. */
function serverFieldError(error: unknown): FieldErrors | null {
  if (isApiError(error, 'AUTH__CURRENT_PASSWORD_WRONG'))
    return { currentPassword: 'That is not your current password.' };
  if (isApiError(error, 'VALIDATION__INVALID_BODY'))
    return { newPassword: 'Use 8 to 256 characters, different from your current password.' };
  return null;
}
