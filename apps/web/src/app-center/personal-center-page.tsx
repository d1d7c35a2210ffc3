import { useEffect, useRef } from 'react';
import { useAuth, useCurrentUser } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { LiveProvider } from '../live/live-context.tsx';
import { LinkWalletSection } from '../wallet/link-wallet-section.tsx';
import { AccountCard } from './account-card.tsx';
import { BadgesSection } from './badges/badges-section.tsx';
import { useBadges } from './badges/use-badges.ts';
import { LiveIndicator } from './live-indicator.tsx';
import { chooseNextStep } from './next-step/choose-next-step.ts';
import { NextStepPanel } from './next-step/next-step-panel.tsx';
import { NftSection } from './nft/nft-section.tsx';
import { useNftFlow } from './nft/use-nft-flow.ts';
import { usePublicConfig } from './use-public-config.ts';
import { useNftStatus } from './use-nft-status.ts';
import { VerifyEmailNotice } from './verify-email-notice.tsx';
import './personal-center.css';

/** The signed-in person's home: the next step on top, then level NFT, badges, account. */
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
  const network = config?.network;
  const status = nft.state.status === 'ready' ? nft.state.data : undefined;
  const flow = useNftFlow({
    api,
    walletAddress: status?.walletAddress ?? null,
    chain: local ? 'solana:localnet' : undefined,
    openRequest: status?.openRequest,
    onChanged: nft.reload,
  });
  const step = chooseNextStep({
    status,
    badges: badges.state.status === 'ready' ? badges.state.data : undefined,
    flowActive: flow.state.step !== 'idle',
  });

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

  const walletOnTop = step.kind === 'link-wallet';
  const badgesOnTop =
    step.kind === 'claim' ||
    step.kind === 'claim-pending' ||
    (step.kind === 'link-wallet' && step.reason === 'badges');
  return (
    // One grid with named areas: when linking a wallet is the next step, its section moves up
    // under the panel by CSS alone, so it keeps its state ("Wallet linked") as the step moves on.
    <main className={`page pc${walletOnTop ? ' pc--wallet-top' : ''}`}>
      <div className="page__head pc__head">
        <h1>Personal Center</h1>
        <LiveIndicator />
      </div>
      {!user.emailVerified && (
        <div className="pc__verify">
          <VerifyEmailNotice
            onVerified={() => {
              // Trades and badges that waited for the address now count.
              reload();
              reloadBadges();
            }}
          />
        </div>
      )}
      <div className="pc__next">
        <NextStepPanel step={step} nft={nft} badges={badges} flow={flow} faucet={local} network={network} />
      </div>
      <div className="pc__wallet">
        <LinkWalletSection />
      </div>
      <div className="pc__nft">
        <NftSection nft={nft} network={network} />
      </div>
      <div className="pc__badges">
        <BadgesSection badges={badges} claimOnTop={badgesOnTop} />
      </div>
      <div className="pc__account">
        <AccountCard user={user} faucet={local && user.walletAddress !== null} />
      </div>
    </main>
  );
}
