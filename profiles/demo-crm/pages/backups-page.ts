import type { Locator } from '@playwright/test';
import { DataTable } from '../../../pages/components/data-table.js';
import { pageLoad, press } from '../../../pages/components/press.js';
import { AppShell } from './app-shell.js';

/** One backup as its row on the Backups screen shows it; `takenAt` is the instant its time element stands for. */
export interface BackupRow {
  name: string;
  taken: string;
  takenAt: string;
  by: string;
  size: string;
  records: string;
  sha256: string;
}

/** The toast after "Take backup": "Backup taken: <name>". */
export const BACKUP_TAKEN = /Backup taken: (crm-[\w-]+\.db)/;

/** The administrator's Backups screen: take a backup of the whole database, and the backups taken so far. */
export class BackupsPage extends AppShell {
  readonly table = new DataTable(this.page, 'Backups');
  readonly takeBackupButton = this.page.getByRole('main').getByRole('button', { name: 'Take backup', exact: true });

  async open(): Promise<void> {
    await this.goto('/admin/backups');
  }

  async takeBackup(): Promise<void> {
    await press(this.takeBackupButton, pageLoad);
  }

  /** The name the toast gives the backup just taken (once the toast shows it). */
  async takenBackupName(): Promise<string> {
    return BACKUP_TAKEN.exec(await this.toast.root.innerText())?.[1] ?? '';
  }

  row(name: string): Locator {
    return this.table.rows().filter({ has: this.page.getByTestId('backup-name').getByText(name, { exact: true }) });
  }

  /** Every cell of the backup's row, read in one round trip. */
  async backup(name: string): Promise<BackupRow> {
    const row = this.row(name);
    const cells = await this.textsByTestId(row, 'backup-');
    const cell = (id: string) => cells.get(`backup-${id}`) ?? '';
    return {
      name: cell('name'), taken: cell('taken'), by: cell('by'), size: cell('size'), records: cell('records'), sha256: cell('sha256'),
      takenAt: (await row.getByTestId('backup-taken').locator('time').getAttribute('datetime')) ?? '',
    };
  }
}
