import { AppShell } from '../app-shell.js';
import { pageLoad } from '../../../../pages/components/press.js';
import { Form } from '../../../../pages/components/form.js';

export interface PortalTicketInput {
  subject: string;
  description: string;
  priority: string;
  category: string;
}

/** The portal's "New ticket" form: account, contact and channel come from the signed-in customer. */
export class PortalNewTicketPage extends AppShell {
  readonly form = new Form(this.page, this.page.getByRole('form', { name: 'New ticket' }), pageLoad);

  async open(): Promise<void> {
    await this.goto('/portal/tickets/new');
  }

  override async ready(): Promise<void> {
    await this.form.root.waitFor();
  }

  /** Fills and submits the form; the CRM answers with the new ticket or the form with its errors. */
  async submit(t: PortalTicketInput): Promise<void> {
    await this.form.fill({
      Priority: { option: t.priority },
      Category: { option: t.category },
      Subject: t.subject,
      Description: t.description,
    });
    await this.form.submit('Submit ticket');
  }

  /** The id of the ticket the CRM opened after a successful submit (from the address it went to). */
  createdTicketId(): number {
    const match = /\/portal\/tickets\/(\d+)$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`The portal did not open a new ticket (it shows ${this.page.url()})`);
    return Number(match[1]);
  }
}
