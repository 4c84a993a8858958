import { existsSync } from 'node:fs';
import { CliError } from './common.js';

/** Where headless Chromium is looked for. */
export const chromiumPath = '/usr/bin/chromium';

/** Prints an HTML page to a PDF file through headless Chromium (playwright-core drives it). */
export async function printPdf(html: string, path: string): Promise<void> {
  if (!existsSync(chromiumPath))
    throw new CliError(
      `--pdf needs Chromium at ${chromiumPath} (apt-get install chromium); write HTML instead.`,
    );
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new CliError('--pdf needs the playwright-core package (npm install playwright-core).');
  }
  const browser = await playwright.chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // The report is self-contained: nothing to wait for over the network.
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      margin: { top: '1.5cm', bottom: '1.5cm', left: '1.2cm', right: '1.2cm' },
    });
  } finally {
    await browser.close();
  }
}
