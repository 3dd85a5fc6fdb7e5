import assert from 'node:assert/strict';
import type { ApiClient } from './harness.js';

export const html = (client: ApiClient, url: string) => client.request('GET', url, undefined, { accept: 'text/html' });

/** Presses "Take backup" as the browser does: the form's own CSRF field, no header. */
export async function takeBackupByForm(admin: ApiClient): Promise<{ status: number; location: string | null; toast: string; name: string }> {
  const page = await html(admin, '/admin/backups');
  const csrf = /<form[^>]*action="\/admin\/backups"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(csrf, 'the Take backup form carries the CSRF token');
  const res = await admin.withoutCsrf().request('POST', '/admin/backups', new URLSearchParams({ _csrf: csrf }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' });
  const toast = decodeURIComponent(decodeURIComponent(/crm_toast=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? ''));
  return { status: res.status, location: res.headers.get('location'), toast, name: /^Backup taken: (\S+)$/.exec(toast)?.[1] ?? '' };
}
