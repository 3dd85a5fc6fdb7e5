import type { Locator } from '@playwright/test';

/** Clicks a download link and returns the downloaded file's bytes once the browser has it. */
export async function downloadOf(link: Locator): Promise<Buffer> {
  const [download] = await Promise.all([link.page().waitForEvent('download'), link.click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`Download of ${download.suggestedFilename()} failed: ${failure}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
