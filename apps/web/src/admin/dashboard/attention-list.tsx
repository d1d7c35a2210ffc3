import type { AdminDashboard } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { formatSol, plural } from '../common/format.ts';

interface AttentionItem {
  key: string;
  count: number;
  title: string;
  explain: string;
  to: string;
  action: string;
}

function attentionItems(d: AdminDashboard): AttentionItem[] {
  const a = d.attention;
  return [
    {
      key: 'compensation',
      count: a.compensationQueue,
      title: plural(a.compensationQueue, 'upgrade needs', 'upgrades need') + ' compensation',
      explain: 'The old NFT was burned but the new one could not be minted after automatic retries.',
      to: '/admin/compensation',
      action: 'Open the compensation queue',
    },
    {
      key: 'claims',
      count: a.pendingClaims,
      title: plural(a.pendingClaims, 'claim waits', 'claims wait') + ' for approval',
      explain: 'People asked for badges held in the vault to be sent to their wallet.',
      to: '/admin/claims?status=pending',
      action: 'Open the claim queue',
    },
    {
      key: 'reconciliation',
      count: a.openReconciliationFlags,
      title: plural(a.openReconciliationFlags, 'reconciliation flag') + ' to review',
      explain: 'The database and the chain disagree in a way that was not safe to fix automatically.',
      to: '/admin/reconciliation',
      action: 'Review the flags',
    },
    {
      key: 'issuances',
      count: a.failedIssuances,
      title: plural(a.failedIssuances, 'badge issuance') + ' failed',
      explain: 'They can be retried one by one from their batch.',
      to: '/admin/issuance',
      action: 'See the batches',
    },
    {
      key: 'emails',
      count: a.failedEmails,
      title: plural(a.failedEmails, 'email') + ' could not be sent',
      explain: 'Every retry failed; check the mail server settings and the log.',
      to: '/admin/emails?status=failed',
      action: 'Open the email log',
    },
    {
      key: 'webhooks',
      count: a.failedWebhooks,
      title: plural(a.failedWebhooks, 'webhook delivery', 'webhook deliveries') + ' failed',
      explain: 'The admin webhook did not accept them after every retry.',
      to: '/admin/webhooks?status=failed',
      action: 'Open the webhook log',
    },
  ].filter((item) => item.count > 0);
}

/** Everything an admin should act on, each with a link to where it is done. */
export function AttentionList({ dashboard }: { dashboard: AdminDashboard }) {
  const items = attentionItems(dashboard);
  const { authority } = dashboard;
  const balanceIssue = authority.low !== false;

  if (items.length === 0 && !balanceIssue) {
    return (
      <div className="notice notice--success" role="status">
        Nothing needs your attention: no queue is waiting and the authority has enough SOL.
      </div>
    );
  }
  return (
    <ul className="attention" aria-label="Needs attention">
      {balanceIssue && (
        <li className="attention__item attention__item--bad">
          <p className="attention__title">
            {authority.low === null
              ? 'The authority balance could not be read'
              : `The authority is low on SOL: ${formatSol(authority.balanceLamports ?? '0')}`}
          </p>
          <p className="muted">
            {authority.low === null
              ? 'The Solana network did not answer just now; mints may be queued until it does.'
              : `Below the ${formatSol(authority.lowThresholdLamports)} threshold. Mints and transfers need it for fees and rent.`}{' '}
            Send SOL to <code className="address">{authority.address}</code>.
          </p>
        </li>
      )}
      {items.map((item) => (
        <li key={item.key} className="attention__item" data-testid={`attention-${item.key}`}>
          <p className="attention__title">
            <span className="counter counter--big">{item.count}</span> {item.title}
          </p>
          <p className="muted">{item.explain}</p>
          <Link to={item.to}>{item.action} →</Link>
        </li>
      ))}
    </ul>
  );
}
