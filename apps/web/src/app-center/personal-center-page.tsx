import { useEffect, useRef } from 'react';
import { useAuth, useCurrentUser } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { LiveProvider } from '../live/live-context.tsx';
import { LinkWalletSection } from '../wallet/link-wallet-section.tsx';
import { AccountCard } from './account-card.tsx';
import { BadgesSection } from './badges/badges-section.tsx';
import { useBadges } from './badges/use-badges.ts';
import { GetStartedNotice } from './get-started-notice.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { NftSection } from './nft/nft-section.tsx';
import { usePublicConfig } from './use-public-config.ts';
import { useNftStatus } from './use-nft-status.ts';
import { VerifyEmailNotice } from './verify-email-notice.tsx';
import './personal-center.css';

/** The signed-in person's home: level NFT and progress, badges, account and wallet. */
export function PersonalCenterPage() {
  useDocumentTitle('Personal Center');
  return (
    <LiveProvider>
      <PersonalCenter />
    </LiveProvider>
  );
}

function PersonalCenter() {
  const { api } = useAuth();
  const user = useCurrentUser();
  const config = usePublicConfig(api);
  const nft = useNftStatus(api);
  const badges = useBadges(api);
  const local = config?.localValidator === true;

  // Linking (or changing) the wallet changes what the person can do with their NFT. (Live
  // events and coming back to the tab refresh both through their queries.)
  const { reload } = nft;
  const { reload: reloadBadges } = badges;
  const linkedWallet = useRef(user.walletAddress);
  useEffect(() => {
    if (linkedWallet.current === user.walletAddress) return;
    linkedWallet.current = user.walletAddress;
    reload();
    reloadBadges();
  }, [user.walletAddress, reload, reloadBadges]);

  return (
    <main className="page">
      <div className="page__head">
        <h1>Personal Center</h1>
        <LiveIndicator />
      </div>
      {!user.emailVerified && (
        <VerifyEmailNotice
          onVerified={() => {
            // Trades and badges that waited for the address now count.
            reload();
            reloadBadges();
          }}
        />
      )}
      {!user.walletAddress && <GetStartedNotice />}
      <NftSection nft={nft} chain={local ? 'solana:localnet' : undefined} faucet={local} />
      <BadgesSection badges={badges} />
      <div className="grid">
        <AccountCard user={user} faucet={local && user.walletAddress !== null} />
        <LinkWalletSection />
      </div>
    </main>
  );
}
