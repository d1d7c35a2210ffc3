import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './screenshot.ts';

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Fails when the page scrolls sideways: nothing may be wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'page is wider than the viewport').toBeLessThanOrEqual(innerWidth);
}

/** Fails unless `target` is visible without scrolling, from the top of the page. */
export async function expectInFirstViewport(page: Page, target: Locator, what: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await target.waitFor();
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  expect(box, `${what} has no box`).not.toBeNull();
  expect(box!.y + box!.height, `${what} is below the fold`).toBeLessThanOrEqual(viewport!.height);
}

/**
 * Looks at the page as a laptop (1280×800) and a phone (390×844) show it: no sideways scroll,
 * `primary` (when given) above the fold, and a screenshot of each, `<name>-desktop` and
 * `<name>-phone`. Leaves the laptop size set.
 */
export async function checkViewports(
  page: Page,
  name: string,
  primary?: (page: Page) => Locator,
): Promise<void> {
  for (const [viewport, suffix] of [
    [PHONE_VIEWPORT, 'phone'],
    [LAPTOP, 'desktop'],
  ] as const) {
    await page.setViewportSize(viewport);
    if (primary) await expectInFirstViewport(page, primary(page), `${name} primary action (${suffix})`);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, `${name}-${suffix}`);
  }
}
