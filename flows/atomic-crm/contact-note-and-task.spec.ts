import { taskDue } from '../../profiles/atomic-crm/data/formats.js';
import { fullName } from '../../profiles/atomic-crm/data/records.js';
import { ContactsPage } from '../../profiles/atomic-crm/pages/contacts/contacts-page.js';
import { DashboardPage } from '../../profiles/atomic-crm/pages/dashboard-page.js';
import { describeFlow, expect, test } from '../../profiles/atomic-crm/test.js';

test.describe('Atomic CRM contact follow-up', { tag: ['@atomic-crm', '@follow-up'] }, () => {
  test('a note and a task on a contact show on their page, the task on the dashboard until it is done', async ({ admin, data, locale }) => {
    test.setTimeout(360_000);
    await describeFlow({ epic: 'Contact management', feature: 'Notes and tasks', story: 'Note and follow-up task on a contact', severity: 'critical', owner: 'qa-sales', tags: ['atomic-crm'] });

    const contact = data.contact();
    const name = fullName(contact);
    const note = data.note();
    const task = data.task();
    // what the task lists show, worked out the way the app formats it (toLocaleString)
    const due = `due ${taskDue(task.due, locale)}`;
    const contactPage = admin.at(ContactsPage);
    const dashboard = admin.at(DashboardPage);

    await admin.step('opens Atomic CRM at the contacts', () => contactPage.goto());
    const contactCard = await admin.step(`adds the contact ${name}`, () => contactPage.create(contact));
    const contactAddress = contactCard.address();

    await admin.step('writes a note on the contact', async () => {
      await contactCard.addNote(note);
      await expect(contactCard.note(note)).toBeVisible();
    });

    await admin.step(`plans a ${task.type} task "${task.description}" (${due})`, async () => {
      await contactCard.addTask(task);
      await expect(contactCard.task(task.description)).toContainText(`${task.type} ${task.description}`);
      await expect(contactCard.task(task.description)).toContainText(due);
      await expect(contactCard.taskCheckbox(task.description)).not.toBeChecked();
    });

    await admin.step('finds the task under Upcoming Tasks on the dashboard', async () => {
      await dashboard.open();
      await expect(dashboard.upcomingTask(task.description)).toContainText(due);
      await expect(dashboard.upcomingTask(task.description)).toContainText(`(Re: ${name})`);
    });

    await admin.step(`marks the task done on ${name}’s page`, async () => {
      const page = await contactPage.openContact(contactAddress, name);
      await expect(page.note(note), 'the note is still there').toBeVisible();
      await page.markTaskDone(task.description);
      await expect(page.taskCheckbox(task.description)).toBeChecked();
    });

    await admin.step('sees the task done on the dashboard', async () => {
      await dashboard.open();
      await expect(dashboard.upcomingTaskCheckbox(task.description)).toBeChecked();
    });
  });
});
