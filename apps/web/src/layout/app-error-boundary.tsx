import { Component, type ReactNode } from 'react';
import { claimAutomaticReload, isChunkLoadError } from './chunk-load-error.ts';
import { ErrorNotice } from './error-notice.tsx';

interface AppErrorBoundaryProps {
  children: ReactNode;
  /** Show the notice as the page's main content (for the app root). */
  fullPage?: boolean;
}

interface AppErrorBoundaryState {
  error: unknown;
  /** The page is reloading itself; show nothing meanwhile. */
  reloading: boolean;
}

/**
 * Catches what a render throws below it. A chunk that failed to load (the app was updated
 * since this page opened) reloads the page once by itself, then offers "Reload"; any other
 * error shows a notice with "Try again", which renders the children afresh.
 */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, AppErrorBoundaryState> {
  override state: AppErrorBoundaryState = { error: null, reloading: false };

  static getDerivedStateFromError(error: unknown): Partial<AppErrorBoundaryState> {
    return { error };
  }

  // React itself logs the error with its component stack; here only the chunk case needs work.
  override componentDidCatch(error: unknown): void {
    if (isChunkLoadError(error) && claimAutomaticReload(window.sessionStorage)) {
      this.setState({ reloading: true });
      window.location.reload();
    }
  }

  private readonly reset = () => this.setState({ error: null, reloading: false });

  override render(): ReactNode {
    const { error, reloading } = this.state;
    if (error === null) return this.props.children;
    if (reloading) return null;
    const notice = isChunkLoadError(error) ? (
      <div className="notice notice--info" role="alert">
        <p className="notice__title">A new version of Insignia is available</p>
        <p>This part of the page could not be loaded. Reload the page to get the latest version.</p>
        <button className="button button--small" type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    ) : (
      <ErrorNotice
        title="Something went wrong on this page"
        message="This part of the page stopped working. Try again; if it keeps happening, reload the page."
        onRetry={this.reset}
      />
    );
    if (!this.props.fullPage) return notice;
    return <main className="page page--narrow">{notice}</main>;
  }
}
