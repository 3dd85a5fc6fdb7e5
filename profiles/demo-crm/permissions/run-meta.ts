import { fetchHealth } from '../http.js';
import { env } from '../../../fixtures/env.js';
import { readRunInfo } from '../../../fixtures/run-info.js';
import type { ReportInput } from './report-html.js';

/** What the report's header says about the CRM it checked: URL, version and the active defect switches. */
export async function reportMeta(): Promise<ReportInput['meta']> {
  const info = readRunInfo(env.runId);
  const health = info ? { version: info.crmVersion, faults: info.crmFaults } : await fetchHealth(env.crmBaseUrl);
  return { generatedAt: new Date().toISOString(), crmUrl: env.crmBaseUrl, crmVersion: health.version, faults: health.faults, runId: env.runId };
}
