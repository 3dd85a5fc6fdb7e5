/**
 * Defect switch response-cache-leak: a cache of the responses the CRM sends, meant to answer a repeated
 * request without rendering again, but keyed by the request's own id. No entry is ever hit and none is
 * ever evicted, and each entry is a fixed slot, cleared before use, the size of the largest export
 * page, so every page and API answer served keeps 128 KiB in memory until the process runs out.
 */
const SLOT_BYTES = 128 * 1024;
const cache = new Map<string, Buffer>();

export function rememberResponse(requestId: string, url: string, body: string | Buffer): void {
  const slot = Buffer.allocUnsafeSlow(SLOT_BYTES).fill(0);
  if (typeof body === 'string') slot.write(body);
  else body.copy(slot);
  cache.set(`${requestId} ${url}`, slot);
}
