// Page side of the test wallet (see test-wallet.ts). Runs as a Playwright init script, before
// the app, so it must stay plain, dependency-free browser JavaScript. It registers a Wallet
// Standard wallet and forwards every request to Node through an exposed function.
/* global window */

globalThis.installInsigniaTestWallet = function installInsigniaTestWallet({
  name,
  icon,
  address,
  publicKey,
  bridge,
}) {
  const chains = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'];
  const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const call = (method, bytes = new Uint8Array(), extra = {}) =>
    window[bridge](method, toBase64(bytes), extra);

  const account = Object.freeze({
    address,
    publicKey: new Uint8Array(publicKey),
    chains,
    features: ['solana:signMessage', 'solana:signTransaction', 'solana:signAndSendTransaction'],
    label: 'Test account',
  });
  let accounts = [];
  const listeners = new Set();
  const emitChange = () => listeners.forEach((listener) => listener({ accounts: wallet.accounts }));
  const checkAccount = (input) => {
    if (!accounts.length) throw new Error(`${name} is not connected`);
    if (input.account?.address !== address) throw new Error(`Unknown account ${input.account?.address}`);
  };

  const wallet = {
    version: '1.0.0',
    name,
    icon,
    chains,
    get accounts() {
      return accounts.slice();
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        async connect({ silent = false } = {}) {
          // A silent connect never prompts: it only returns an existing authorization.
          if (silent) return { accounts: wallet.accounts };
          await call('connect');
          accounts = [account];
          emitChange();
          return { accounts: wallet.accounts };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        async disconnect() {
          accounts = [];
          emitChange();
        },
      },
      'standard:events': {
        version: '1.0.0',
        on(event, listener) {
          if (event !== 'change') return () => {};
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      'solana:signMessage': {
        version: '1.1.0',
        async signMessage(...inputs) {
          const outputs = [];
          for (const input of inputs) {
            checkAccount(input);
            const signature = fromBase64(await call('signMessage', input.message));
            outputs.push({ signedMessage: input.message, signature, signatureType: 'ed25519' });
          }
          return outputs;
        },
      },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        async signTransaction(...inputs) {
          const outputs = [];
          for (const input of inputs) {
            checkAccount(input);
            outputs.push({
              signedTransaction: fromBase64(await call('signTransaction', input.transaction)),
            });
          }
          return outputs;
        },
      },
      'solana:signAndSendTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        async signAndSendTransaction(...inputs) {
          const outputs = [];
          for (const input of inputs) {
            checkAccount(input);
            const options = { ...(input.options ?? {}) };
            outputs.push({
              signature: fromBase64(await call('signAndSendTransaction', input.transaction, options)),
            });
          }
          return outputs;
        },
      },
    },
  };

  // Wallet Standard registration (as @wallet-standard/wallet's registerWallet): announce the
  // wallet now, and again when an app that loads later says it is ready.
  const register = ({ register }) => register(wallet);
  class RegisterWalletEvent extends Event {
    #detail;
    get detail() {
      return this.#detail;
    }
    get type() {
      return 'wallet-standard:register-wallet';
    }
    constructor(callback) {
      super('wallet-standard:register-wallet', {
        bubbles: false,
        cancelable: false,
        composed: false,
      });
      this.#detail = callback;
    }
    preventDefault() {
      throw new Error('preventDefault cannot be called');
    }
    stopImmediatePropagation() {
      throw new Error('stopImmediatePropagation cannot be called');
    }
    stopPropagation() {
      throw new Error('stopPropagation cannot be called');
    }
  }
  try {
    window.dispatchEvent(new RegisterWalletEvent(register));
  } catch (error) {
    console.error('wallet-standard:register-wallet event could not be dispatched', error);
  }
  try {
    window.addEventListener('wallet-standard:app-ready', ({ detail: api }) => register(api));
  } catch (error) {
    console.error('wallet-standard:app-ready event listener could not be added', error);
  }
};
