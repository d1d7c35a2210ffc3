import { useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useAdminApi } from '../admin-context.tsx';

/** Downloads the audit log with the filters on screen as a CSV file. */
export function ExportCsvButton({ params }: { params: Record<string, string | undefined> }) {
  const api = useAdminApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const blob = await api.logs.auditCsv(params);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `insignia-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      // The click has handed the file to the browser; the URL is no longer needed.
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-csv">
      <button className="button" type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing CSV…' : 'Export CSV'}
      </button>
      {error && (
        <p className="cell-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
