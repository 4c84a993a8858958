import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium, which scripts/ensure-services.sh installs when it is missing. */
export const chromiumPath = '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless chromium for a browser test. Without chromium it returns the reason to skip, except
 * in CI (`CI` set), where a missing browser fails the run instead of skipping it.
 */
export async function launchChromium(): Promise<Browser | string> {
  if (!existsSync(chromiumPath)) {
    const reason = `chromium is not installed at ${chromiumPath} (apt-get install chromium, or bash scripts/ensure-services.sh)`;
    if (process.env.CI) throw new Error(reason);
    return reason;
  }
  return chromium.launch({ executablePath: chromiumPath, args, headless: true });
}
