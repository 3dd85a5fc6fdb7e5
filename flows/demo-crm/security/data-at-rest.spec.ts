import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { env } from '../../../fixtures/env.js';
import { BACKUP_TAKEN, BackupsPage } from '../../../profiles/demo-crm/pages/backups-page.js';
import { backupFiles, databaseFiles, filesHolding, openToOtherAccounts, secretsAtRest, storedFormsOf, type Secret } from '../../../profiles/demo-crm/security/at-rest.js';
import { createThrowawayUser, rawRequest, resetPassword, signInRaw } from '../../../profiles/demo-crm/security/raw-http.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

test.describe('Security: data at rest', { tag: '@security' }, () => {
  test.beforeEach(async () => {
    await describeFlow({ epic: 'Security', feature: 'Data at rest', story: 'A copy of the database or a backup gives no way in', severity: 'blocker', owner: 'qa-security', tags: ['security', 'secrets'] });
    await criteria('AC-SEC-10');
  });

  test('a copy of the database or of a backup holds no password and no live session token, and only the CRM\'s own account can read it', async ({ ownCrm, data }) => {
    // a CRM of the test's own: its files are read as they lie on disk
    test.slow();
    const { crm } = ownCrm;
    const admin = await ownCrm.actor('admin');
    const adminCreds = env.roles.admin!;
    // raw HTTP, never traced: the passwords and tokens this test looks for must not reach its report
    const adminSession = await signInRaw(adminCreds.username, adminCreds.password, false, crm.baseUrl);

    const rep = await test.step(`Given ${admin.name} has created a sales rep with a password only this test knows`, () =>
      createThrowawayUser(adminSession, { role: 'sales_rep', team: 'sales', tag: data.tag }));

    const resetTo = `${randomBytes(12).toString('base64url')}#4c`;

    await test.step(`And has reset ${rep.username}'s password`, async () => {
      expect((await resetPassword(adminSession, rep.id, resetTo)).status, 'password reset').toBe(200);
    });

    const repSession = await test.step(`And ${rep.username} has signed in with the new password, and is signed in still`, async () => {
      const session = await signInRaw(rep.username, resetTo, false, crm.baseUrl);
      expect((await rawRequest(session, 'GET', '/api/session')).status, "the rep's session is live").toBe(200);
      return session;
    });

    const backups = admin.at(BackupsPage);
    const backupName = await admin.step('takes a backup on the Backups screen', async () => {
      await backups.open();
      await backups.takeBackup();
      await expect(backups.toast.root).toContainText(BACKUP_TAKEN);
      return backups.takenBackupName();
    });
    const backup = path.join(crm.backupDir, backupName);
    const files = [...databaseFiles(crm), ...backupFiles(crm)];

    await test.step(`The copies hold the new rep's record: the bytes read are the data (${files.map((f) => path.basename(f)).join(', ')})`, () => {
      expect(filesHolding(databaseFiles(crm), rep.username), 'the database or its write-ahead log holds the rep').not.toEqual([]);
      expect(filesHolding([backup], rep.username), 'the backup holds the rep').toEqual([backup]);
    });

    const adminToken = (await admin.context.cookies()).find((c) => c.name === 'crm_sid')?.value ?? '';
    expect(adminToken, "the admin's browser has a session").not.toBe('');
    const secrets: Secret[] = [
      ...storedFormsOf('the password the rep was given', rep.password),
      ...storedFormsOf('the password the rep was reset to', resetTo),
      { label: "the rep's live session token", value: repSession.sid },
      { label: "the admin's live session token (browser)", value: adminToken },
      { label: "the admin's live session token (HTTP)", value: adminSession.sid },
    ];

    const found = await test.step(`Someone with a copy searches its ${files.length} files for ${secrets.length} secrets: each password as typed and as an unsalted MD5, SHA-1, SHA-256 or SHA-512, and each live session token`, () =>
      secretsAtRest(files, secrets));

    const open = await test.step('Another account on the server tries to read the database, its write-ahead log, the backups and the backup folder', () =>
      // file modes are POSIX: on Windows the folder's access list decides, which this check cannot read
      (process.platform === 'win32' ? [] : openToOtherAccounts([...files, crm.backupDir])));

    await test.info().attach('files read at rest', { body: files.map((f) => path.relative(process.cwd(), f)).join('\n'), contentType: 'text/plain' });
    await recordCount('AC-SEC-10', found.length + open.length, 'secrets found at rest or data files open to other accounts', `${files.length} files × ${secrets.length} secrets, and the modes of the files and the backup folder`);
    expect.soft(found, 'secrets a copy of the data gives away').toEqual([]);
    expect(open, 'data files and folders other accounts may read').toEqual([]);
  });
});
