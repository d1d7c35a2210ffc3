import { formatDateTime } from './format.ts';

const day = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
};

/**
 * An issued badge's validity: an "Expired <date>" pill once its period has ended, a quiet
 * "Valid until <date>" before; nothing for a badge that never expires.
 */
export function ValidityTag({ validUntil, expired }: { validUntil: string | null; expired: boolean }) {
  if (!validUntil) return null;
  return expired ? (
    <span className="pill pill--bad" title={formatDateTime(validUntil)}>
      Expired {day(validUntil)}
    </span>
  ) : (
    <span className="muted" title={formatDateTime(validUntil)}>
      Valid until {day(validUntil)}
    </span>
  );
}
