import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Chromium to drive: `CHROMIUM_PATH`, or the Debian package's location. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function isChromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with flags that keep it quiet and offline apart from the app. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath, args });
}
