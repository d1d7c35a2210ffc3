import type { EmailData, EmailType } from './email-data.ts';

/** The parts an email is made of; render-email turns them into text and HTML alike. */
export type EmailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  | { kind: 'steps'; items: string[] }
  | { kind: 'note'; title: string; text: string };

export interface EmailContent {
  subject: string;
  preview: string;
  blocks: EmailBlock[];
}

type Template<T extends EmailType> = (data: EmailData<T>, platformName: string) => EmailContent;

const greeting = (name: string | undefined): EmailBlock => ({
  kind: 'paragraph',
  text: name ? `Hello ${name},` : 'Hello,',
});

const optional = (label: string, value: string | undefined): Array<[string, string]> =>
  value ? [[label, value]] : [];

/** No links in any template, by design: every email tells the reader to log in by name. */
export const emailTemplates: { [T in EmailType]: Template<T> } = {
  badge_minted_to_wallet: (d, platform) => ({
    subject: `Your "${d.badgeName}" badge is in your wallet`,
    preview: `The ${d.badgeName} badge was minted to your wallet.`,
    blocks: [
      greeting(d.recipientName),
      {
        kind: 'paragraph',
        text: `You have earned the "${d.badgeName}" badge on ${platform}. It has been minted to your wallet on Solana.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Badge', d.badgeName],
          ...optional('Description', d.badgeDescription),
          ['Wallet', d.walletAddress],
          ['Mint transaction', d.mintSignature],
        ],
      },
      {
        kind: 'paragraph',
        text: `You can see it in your wallet, and in your profile when you log in to ${platform}.`,
      },
    ],
  }),

  badge_in_vault: (d, platform) => ({
    subject: `You have earned the "${d.badgeName}" badge`,
    preview: `Your ${d.badgeName} badge is waiting for you to claim it.`,
    blocks: [
      greeting(d.recipientName),
      {
        kind: 'paragraph',
        text: `You have earned the "${d.badgeName}" badge on ${platform}. We are keeping it safe for you until you link a wallet and claim it.`,
      },
      { kind: 'facts', rows: [['Badge', d.badgeName], ...optional('Description', d.badgeDescription)] },
      { kind: 'paragraph', text: 'To claim it:' },
      {
        kind: 'steps',
        items: [
          `Log in to ${platform} the way you usually do.`,
          'Open your profile and link your Solana wallet (your wallet asks you to sign a short message to prove it is yours).',
          `Go to your badges and choose "${d.badgeName}" among the unclaimed ones.`,
          'Submit the claim. We will email you again once the badge is in your wallet.',
        ],
      },
      {
        kind: 'note',
        title: 'Security note',
        text: `${platform} will never ask for your seed phrase or private key, and never sends links in these emails. If a message asks you to click a link to claim a badge, ignore it.`,
      },
    ],
  }),

  badge_revoked: (d, platform) => ({
    subject: `Your "${d.badgeName}" badge was revoked`,
    preview: `An administrator of ${platform} revoked your ${d.badgeName} badge.`,
    blocks: [
      greeting(d.recipientName),
      {
        kind: 'paragraph',
        text: `An administrator of ${platform} has revoked your "${d.badgeName}" badge. It no longer counts toward your level, and its credential now shows it as revoked.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Badge', d.badgeName],
          ['Reason', d.reason],
        ],
      },
      {
        kind: 'paragraph',
        text: `If you think this is a mistake, log in to ${platform} the way you usually do and contact support from there.`,
      },
    ],
  }),

  claim_confirmed: (d, platform) => ({
    subject: `Your "${d.badgeName}" badge has been transferred to your wallet`,
    preview: `Your claim for ${d.badgeName} is complete.`,
    blocks: [
      greeting(d.recipientName),
      {
        kind: 'paragraph',
        text: `Your claim is complete: the "${d.badgeName}" badge has been transferred to your wallet.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Badge', d.badgeName],
          ['Wallet', d.walletAddress],
          ['Transfer transaction', d.transferSignature],
        ],
      },
      {
        kind: 'paragraph',
        text: `You can see it in your wallet, and in your profile when you log in to ${platform}.`,
      },
    ],
  }),

  email_verification_code: (d, platform) => ({
    // The subject is stored in email_logs: the code stays out of it (and of the preview).
    subject: `Your ${platform} verification code`,
    preview: 'Enter the code inside to verify your email address.',
    blocks: [
      greeting(undefined),
      {
        kind: 'paragraph',
        text: `To verify this email address on ${platform}, enter this code in your profile:`,
      },
      { kind: 'facts', rows: [['Code', d.code]] },
      {
        kind: 'paragraph',
        text: `The code works once, for ${d.expiresInMinutes} minutes. If you did not ask for it, ignore this email: nothing changes without the code.`,
      },
      {
        kind: 'note',
        title: 'Security note',
        text: `${platform} staff will never ask you for this code.`,
      },
    ],
  }),
};
