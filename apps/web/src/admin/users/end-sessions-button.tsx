import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { useAdminApi } from '../admin-context.tsx';
import { ConfirmButton } from '../common/confirm-button.tsx';

/**
 * Signs a person out everywhere: every token they hold stops working at once and their live
 * connections close (for a stolen token, or a device they lost).
 */
export function EndSessionsButton({ userId, email }: { userId: string; email: string }) {
  const api = useAdminApi();
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function endSessions() {
    setBusy(true);
    setError(null);
    setEnded(null);
    try {
      setEnded((await api.endSessions(userId)).endedSessions);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <ConfirmButton
        label="End all sessions"
        question={`Sign ${email} out everywhere?`}
        confirmLabel="Yes, end sessions"
        busyLabel="Ending sessions…"
        busy={busy}
        danger
        onConfirm={() => void endSessions()}
      />
      {error && <ErrorNotice title="The sessions were not ended" message={error} />}
      {ended !== null && (
        <div className="notice notice--success" role="status">
          {ended === 0
            ? 'No session was open; nothing changed.'
            : `Ended ${ended} session(s): they must log in again.`}
        </div>
      )}
    </div>
  );
}
