import type { NftRequestView, NftStatus, PreparedNftTransaction } from '@insignia/contract';
import type { IdentifierString } from '@wallet-standard/base';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { useLiveEvent } from '../../live/live-context.tsx';
import { signWithWallet } from '../../wallet/sign-with-wallet.ts';
import type { SigningWallet } from '../../wallet/signing-wallet.ts';
import { isInFlight, stateForRequest, type NftFlowState, type NftKind } from './nft-flow.ts';
import { problemFromError, requestIdFromError } from './nft-problem-from-error.ts';

/** How often a request on its way is re-read, in case a live update is missed. */
const POLL_MS = 2500;
/** Prepare again when the transaction would expire within this long of signing. */
const EXPIRY_MARGIN_MS = 10_000;

interface NftFlowDeps {
  api: ApiClient;
  walletAddress: string | null;
  /** Wallet Standard chain of this deployment, when known (`solana:localnet` in embedded mode). */
  chain: IdentifierString | undefined;
  openRequest: NftStatus['openRequest'] | undefined;
  /** The NFT status may have changed: reload it (the card updates without a page reload). */
  onChanged: () => void;
}

/**
 * Drives an unlock or upgrade from the Personal Center: prepare, review, wallet signature,
 * submit, then follow the request live (WebSocket, with polling as a fallback) to its end.
 */
export function useNftFlow({ api, walletAddress, chain, openRequest, onChanged }: NftFlowDeps) {
  const [state, setState] = useState<NftFlowState>({ step: 'idle' });
  const stateRef = useRef(state);
  const onChangedRef = useRef(onChanged);
  useLayoutEffect(() => {
    stateRef.current = state;
    onChangedRef.current = onChanged;
  });
  // Every new action bumps the run; answers that arrive for an older run are ignored.
  const run = useRef(0);

  const settle = useCallback((kind: NftKind, request: NftRequestView) => {
    const next = stateForRequest(kind, request);
    setState(next);
    if (next.step !== 'following') onChangedRef.current();
  }, []);

  const fail = useCallback(
    async (id: number, kind: NftKind, error: unknown) => {
      if (run.current !== id) return;
      const busyId = isApiError(error, 'NFT__REQUEST_IN_PROGRESS') ? requestIdFromError(error) : undefined;
      if (busyId) {
        // Show the request that is in the way rather than only saying there is one.
        const request = await api.getNftRequest(busyId).catch(() => undefined);
        if (run.current !== id) return;
        if (request && isInFlight(request.status)) {
          settle(request.kind, request);
          return;
        }
      }
      setState({ step: 'failed', kind, problem: problemFromError(error, kind) });
      onChangedRef.current();
    },
    [api, settle],
  );

  const prepare = (kind: NftKind): Promise<PreparedNftTransaction> =>
    kind === 'unlock' ? api.unlockNft() : api.upgradeNft();

  async function start(kind: NftKind) {
    const id = ++run.current;
    setState({ step: 'preparing', kind });
    try {
      const prepared = await prepare(kind);
      if (run.current === id) setState({ step: 'review', kind, prepared });
    } catch (error) {
      await fail(id, kind, error);
    }
  }

  async function sign(wallet: SigningWallet) {
    const current = stateRef.current;
    if (current.step !== 'review' || !walletAddress) return;
    const { kind } = current;
    const id = ++run.current;
    try {
      let { prepared } = current;
      if (Date.parse(prepared.expiresAt) - Date.now() < EXPIRY_MARGIN_MS) {
        setState({ step: 'preparing', kind });
        prepared = await prepare(kind); // same request, same mint address, fresh blockhash
        if (run.current !== id) return;
      }
      setState({ step: 'signing', kind, prepared, walletName: wallet.name });
      const body = await signWithWallet({
        wallet,
        // The wallet the request names: for an upgrade, the one holding the NFT, which is not
        // the linked wallet if the person linked another one since.
        address: prepared.request.walletAddress,
        transaction: prepared.transaction,
        chain,
      });
      if (run.current !== id) return;
      setState({ step: 'submitting', kind, prepared });
      const request = await api.submitNftRequest(prepared.requestId, body);
      if (run.current === id) settle(kind, request);
    } catch (error) {
      await fail(id, kind, error);
    }
  }

  /** Re-reads the request being followed and moves the flow on. */
  const refresh = useCallback(async () => {
    const current = stateRef.current;
    if (current.step !== 'following') return;
    const id = run.current;
    try {
      const request = await api.getNftRequest(current.request.id);
      if (run.current === id && stateRef.current.step === 'following') settle(current.kind, request);
    } catch {
      // Offline for a moment: the next poll or live message tries again.
    }
  }, [api, settle]);

  const followingId = state.step === 'following' ? state.request.id : undefined;
  useEffect(() => {
    if (!followingId) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [followingId, refresh]);

  // The status query refreshes itself on these events (live-query-keys.ts); the request this
  // flow follows is not a query, so it is re-read here.
  useLiveEvent((message) => {
    if (message.event === 'ready') return void refresh(); // events may have been missed
    if (!followingId || !('requestId' in message.data)) return;
    if (message.data.requestId === followingId) void refresh();
  });

  // After a reload mid-flight, pick up the request where it is.
  const openId = openRequest && isInFlight(openRequest.status) ? openRequest.id : undefined;
  useEffect(() => {
    if (!openId || stateRef.current.step !== 'idle') return;
    const id = run.current;
    api.getNftRequest(openId).then(
      (request) => {
        if (run.current === id && stateRef.current.step === 'idle') settle(request.kind, request);
      },
      () => undefined,
    );
  }, [api, openId, settle]);

  return {
    state,
    start: (kind: NftKind) => void start(kind),
    sign: (wallet: SigningWallet) => void sign(wallet),
    /** Back to the buttons; a prepared request waits on the server for "Continue". */
    reset: () => {
      run.current++;
      setState({ step: 'idle' });
      onChangedRef.current();
    },
  };
}

export type NftFlow = ReturnType<typeof useNftFlow>;
