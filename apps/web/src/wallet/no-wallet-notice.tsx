/** What to do when the browser has no wallet able to link. */
export function NoWalletNotice({ unsupportedNames }: { unsupportedNames: readonly string[] }) {
  return (
    <div className="notice notice--info">
      <p className="notice__title">No Solana wallet found in this browser</p>
      {unsupportedNames.length > 0 && (
        <p>
          {unsupportedNames.join(', ')} {unsupportedNames.length === 1 ? 'is' : 'are'} installed but cannot
          sign messages, so {unsupportedNames.length === 1 ? 'it' : 'they'} cannot be linked.
        </p>
      )}
      <p>
        Install a Solana browser wallet that supports the Wallet Standard, such as Phantom, Solflare or
        Backpack, then reload this page. On a phone, open this page in your wallet app’s built-in browser.
      </p>
    </div>
  );
}
