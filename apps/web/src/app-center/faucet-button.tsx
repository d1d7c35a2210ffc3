import { useState } from 'react';
import { describeError } from '../api/api-error.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { formatSol } from './format.ts';

type FaucetState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'funded'; added: string; balance: string }
  | { status: 'failed'; message: string };

/**
 * Embedded mode only: asks the server's faucet for test SOL for the linked wallet. `onFunded`
 * lets the caller offer the next step (e.g. "Unlock now"); `primary` when it is the step.
 */
export function FaucetButton({ onFunded, primary = false }: { onFunded?: () => void; primary?: boolean }) {
  const { api } = useAuth();
  const [state, setState] = useState<FaucetState>({ status: 'idle' });

  async function fund() {
    setState({ status: 'busy' });
    try {
      const result = await api.requestFaucet();
      setState({ status: 'funded', added: result.fundedLamports, balance: result.balanceLamports });
      onFunded?.();
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  }

  return (
    <div className="faucet">
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button button--small'}
        disabled={state.status === 'busy'}
        onClick={() => void fund()}
      >
        {state.status === 'busy' ? 'Getting test SOL…' : 'Get test SOL from the faucet'}
      </button>
      <span role="status" className="faucet__result">
        {state.status === 'funded' &&
          `Added ${formatSol(state.added)}. Your wallet now holds ${formatSol(state.balance, 'floor')}.`}
      </span>
      {state.status === 'failed' && (
        <span role="alert" className="faucet__error">
          {state.message}
        </span>
      )}
    </div>
  );
}
