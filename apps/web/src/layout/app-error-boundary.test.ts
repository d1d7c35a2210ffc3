import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AppErrorBoundary } from './app-error-boundary.tsx';

/** What the boundary shows once it caught `error` (its state set as React would set it). */
function fallbackFor(error: unknown): string {
  const boundary = new AppErrorBoundary({ children: 'the page' });
  boundary.state = { ...boundary.state, ...AppErrorBoundary.getDerivedStateFromError(error) };
  return renderToStaticMarkup(boundary.render());
}

describe('the app error boundary', () => {
  it('shows the page while nothing failed', () => {
    expect(renderToStaticMarkup(new AppErrorBoundary({ children: 'the page' }).render())).toBe('the page');
  });

  it('offers a reload, announced as an alert, when a code chunk is missing', () => {
    const html = fallbackFor(new TypeError('Failed to fetch dynamically imported module: /assets/x.js'));
    expect(html).toContain('role="alert"');
    expect(html).toContain('A new version of Insignia is available');
    expect(html).toMatch(/<button[^>]*>Reload<\/button>/);
    expect(html).not.toContain('Try again');
  });

  it('shows a plain notice with "Try again" for any other error, without its internals', () => {
    const html = fallbackFor(new TypeError("Cannot read properties of undefined (reading 'map')"));
    expect(html).toContain('role="alert"');
    expect(html).toContain('Something went wrong on this page');
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(html).not.toContain('Cannot read properties');
  });
});
