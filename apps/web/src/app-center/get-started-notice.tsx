/** First thing a person without a linked wallet sees: what to do, in order. */
export function GetStartedNotice() {
  return (
    <section className="notice notice--info get-started" aria-labelledby="get-started-title">
      <h2 className="notice__title get-started__title" id="get-started-title">
        Get started
      </h2>
      <ol>
        <li>
          <a href="#link-wallet-title">Link a Solana wallet</a>: your level NFT and badges go to it.
        </li>
        <li>Trade: your volume counts toward the levels below.</li>
        <li>Unlock your level NFT here once you qualify, and upgrade it as you grow.</li>
      </ol>
    </section>
  );
}
