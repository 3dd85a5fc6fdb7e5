import type { FastifyInstance } from 'fastify';
import { audit } from '../../../core/audit.js';
import { authorize } from '../../../core/auth.js';
import { HttpError, redirectWithToast } from '../../../core/http.js';
import { backupsPage } from './backups-page.js';
import { BackupVerificationError, takeBackup } from './take-backup.js';

/** An error page that says what went wrong; nothing of the failed backup is left or listed. */
function backupFailed(error: unknown, backupDir: string): HttpError {
  const message = error instanceof BackupVerificationError
    ? `The backup failed verification and was deleted: ${error.message}`
    : `The backup could not be written to ${backupDir}: ${(error as Error).message}`;
  return new HttpError(500, { error: 'backup_failed', message });
}

/** The Backups screen (admin only). No download and no API: a restore is the operator's job on the server. */
export function registerBackupRoutes(app: FastifyInstance): void {
  app.get('/admin/backups', (req, reply) => {
    authorize(req, 'backup', 'list');
    return backupsPage(req, reply);
  });

  app.post('/admin/backups', async (req, reply) => {
    const user = authorize(req, 'backup', 'create');
    const { crm } = req.server;
    const backup = await takeBackup(crm, user).catch((error: unknown) => { throw backupFailed(error, crm.config.backupDir); });
    audit(req, {
      action: 'backup', object: 'backup', recordId: backup.name,
      summary: `${backup.name}, ${backup.bytes.toLocaleString('en-US')} bytes, sha256 ${backup.sha256}`,
    });
    return redirectWithToast(reply, req, '/admin/backups', `Backup taken: ${backup.name}`);
  });
}
