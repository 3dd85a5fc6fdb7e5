import { test } from '@playwright/test';
import { disqualifyALead } from '../disqualify-a-lead.js';

test('a disqualified lead keeps its reason and can no longer be converted', async ({ page }) => {
  await disqualifyALead(page);
});
