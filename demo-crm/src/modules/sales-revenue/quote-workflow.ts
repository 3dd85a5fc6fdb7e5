/**
 * Which quote action is allowed in which state, as one sentence per refusal (null = allowed).
 * The server enforces these (409 with the sentence) and the quote page uses the same functions to
 * enable or disable its buttons, so screen and API can never disagree.
 */
import { LEVEL_LABEL, type ApprovalLevel, type QuoteStatus } from './approval-rules.js';
import { formatBp } from './pricing.js';

export interface QuoteState {
  status: QuoteStatus;
  approvalLevel: ApprovalLevel;
  maxDiscountBp: number;
  lineCount: number;
  opportunityStage: string;
}

export interface WorkflowSwitches {
  /** defect switch quote-send-while-pending */
  allowSendWhilePending?: boolean;
}

export function lineEditRefusal(s: QuoteState): string | null {
  return s.status === 'Draft' ? null : `Lines can only be changed while the quote is Draft (it is ${s.status})`;
}

export function submitRefusal(s: QuoteState): string | null {
  if (s.status !== 'Draft') return `Only a Draft quote can be submitted for approval (it is ${s.status})`;
  if (s.lineCount === 0) return 'Add at least one line before submitting the quote';
  if (s.approvalLevel === 'none') {
    return `This quote needs no approval (maximum discount ${formatBp(s.maxDiscountBp)}% is within 10.00%); send it directly`;
  }
  return null;
}

export function sendRefusal(s: QuoteState, sw: WorkflowSwitches = {}): string | null {
  if (s.status === 'Pending approval') {
    return sw.allowSendWhilePending ? null : 'A quote pending approval cannot be sent; wait for the approver’s decision';
  }
  if (s.status === 'Approved') return null;
  if (s.status !== 'Draft') return `Only a Draft or Approved quote can be sent (it is ${s.status})`;
  if (s.lineCount === 0) return 'Add at least one line before sending the quote';
  if (s.approvalLevel !== 'none') {
    return `This quote needs ${LEVEL_LABEL[s.approvalLevel].toLowerCase()} approval (maximum discount ${formatBp(s.maxDiscountBp)}%); submit it for approval first`;
  }
  return null;
}

export function acceptRefusal(s: QuoteState): string | null {
  if (s.opportunityStage === 'Closed Lost') return 'The opportunity is Closed Lost; a quote on it cannot be accepted';
  if (s.opportunityStage === 'Closed Won') return 'The opportunity is already Closed Won';
  if (s.status !== 'Sent') return `Only a Sent quote can be accepted (it is ${s.status})`;
  return null;
}

export function declineRefusal(s: QuoteState): string | null {
  return s.status === 'Sent' ? null : `Only a Sent quote can be marked declined (it is ${s.status})`;
}

/** Back to Draft to change lines: withdraws a pending request or drops an approval. */
export function reviseRefusal(s: QuoteState): string | null {
  return s.status === 'Pending approval' || s.status === 'Approved'
    ? null
    : `Only a quote pending approval or approved can be reopened for editing (it is ${s.status})`;
}

export function isOpenOpportunityStage(stage: string): boolean {
  return stage !== 'Closed Won' && stage !== 'Closed Lost';
}
