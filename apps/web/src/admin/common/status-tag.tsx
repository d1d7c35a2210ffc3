import { humanize } from './format.ts';

type Tone = 'good' | 'bad' | 'warn' | 'busy' | 'neutral';

const tones: Record<string, Tone> = {
  active: 'good',
  completed: 'good',
  compensated: 'good',
  issued: 'good',
  claimed: 'good',
  sent: 'good',
  delivered: 'good',
  ok: 'good',
  resolved: 'good',
  approved: 'busy',
  failed: 'bad',
  revoked: 'bad',
  error: 'bad',
  rejected: 'bad',
  expired: 'bad',
  needs_compensation: 'bad',
  missing: 'bad',
  pending: 'warn',
  in_vault: 'warn',
  claim_requested: 'warn',
  open: 'warn',
  awaiting_signature: 'warn',
  awaiting_burn_signature: 'warn',
  creating: 'busy',
  running: 'busy',
  minting: 'busy',
  uploading: 'busy',
  uploaded: 'busy',
  transferring: 'busy',
  submitted: 'busy',
  burn_submitted: 'busy',
  burn_confirmed: 'busy',
  mint_submitted: 'busy',
};

/** A status word in a coloured pill; the colour only repeats what the word says. */
export function StatusTag({ status, label }: { status: string; label?: string }) {
  return <span className={`pill pill--${tones[status] ?? 'neutral'}`}>{label ?? humanize(status)}</span>;
}
