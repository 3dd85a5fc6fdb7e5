import type { PortalTicketInput } from '../pages/portal/portal-new-ticket-page.js';
import type { TestData } from './test-data.js';
import { pad, type InvalidCase, type ValidCase } from './validation-cases.js';

/**
 * The ticket form's table (demo-crm/docs/service.md §1): subject and description are required after
 * trimming, at most 200 and 10,000 characters counted as code points (a CJK character or an emoji is
 * one), and stored trimmed. Every subject carries the test's tag, so the cases are found by search.
 */
export function ticketCases(data: TestData): { valid: ValidCase<PortalTicketInput>[]; invalid: InvalidCase<PortalTicketInput>[] } {
  const base = (): PortalTicketInput => {
    const t = data.ticket();
    return { subject: t.subject, description: t.description, priority: t.priority, category: t.category };
  };
  return {
    invalid: [
      { case: 'a subject of spaces only', input: { ...base(), subject: '    ' }, field: 'Subject', message: 'Enter a subject' },
      { case: 'a subject of 201 characters', input: { ...base(), subject: pad(`${data.tag} `, 201, '单') }, field: 'Subject', message: 'Subject must be at most 200 characters' },
      { case: 'a description of spaces and line breaks only', input: { ...base(), description: ' \n  \n ' }, field: 'Description', message: 'Describe the problem' },
      { case: 'a description of 10,001 characters', input: { ...base(), description: '🚀'.repeat(10_001) }, field: 'Description', message: 'Description must be at most 10,000 characters' },
    ],
    valid: [
      { case: 'a subject of exactly 200 characters, emoji counted as one', input: { ...base(), subject: pad(`${data.tag} `, 200, '🛠') } },
      { case: 'CJK and emoji with surrounding spaces', input: { ...base(), subject: `   ${data.tagged(`${data.cjk.commerce.productName()} 无法登录 😟`)}  `, description: `  ${data.cjk.lorem.sentence()}\n第二行  ` } },
      { case: 'quotes, ampersands and markup as text', input: { ...base(), subject: data.tagged(`"Invoice" & <b>export</b> fails`) } },
    ],
  };
}
