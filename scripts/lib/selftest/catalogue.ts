import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundledServer } from '../../../fixtures/profile.js';

/**
 * The defect switches the self-test runs: name, kind, what each breaks and which acceptance area
 * must catch it, read from the CRM's documented catalogue (demo-crm/docs/defect-switches.md, which a
 * CRM unit test keeps row for row in sync with the code), and cross-checked against the names the
 * CRM itself accepts.
 */
export interface DefectSwitch {
  name: string;
  kind: string;
  breaks: string;
  /** the acceptance area(s) that must turn red, e.g. "lead-to-cash: quote totals; permissions matrix" */
  caughtBy: string;
}

/** The switch table of the catalogue document: the rows between its `| name | kind |` header and the next heading. */
export function parseCatalogueTable(markdown: string): DefectSwitch[] {
  const lines = markdown.split(/\r?\n/);
  const header = lines.findIndex((l) => /^\|\s*name\s*\|\s*kind\s*\|/i.test(l));
  if (header < 0) throw new Error('the catalogue has no "| name | kind | … |" table');
  const columns = splitRow(lines[header]!).map((c) => c.toLowerCase());
  const col = (title: string) => {
    const i = columns.indexOf(title);
    if (i < 0) throw new Error(`the catalogue table has no "${title}" column (columns: ${columns.join(', ')})`);
    return i;
  };
  const [iName, iKind, iBreaks, iCaught] = [col('name'), col('kind'), col('what it breaks'), col('caught by')];
  const out: DefectSwitch[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = splitRow(line).map((c) => c.replace(/^`|`$/g, ''));
    const name = cells[iName] ?? '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`the catalogue row "${line}" has no switch name`);
    out.push({ name, kind: cells[iKind] ?? '', breaks: cells[iBreaks] ?? '', caughtBy: cells[iCaught] ?? '' });
  }
  if (out.length === 0) throw new Error('the catalogue table has no rows');
  return out;
}

function splitRow(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

export function readCatalogue(file: string): DefectSwitch[] {
  if (!fs.existsSync(file)) throw new Error(`no defect-switch catalogue at ${file}`);
  return parseCatalogueTable(fs.readFileSync(file, 'utf8'));
}

/** "… Known: a, b, c" — what the CRM answers when started with a switch it does not know. */
export function knownNamesFromRefusal(output: string): string[] | undefined {
  const match = /Known:\s*([a-z0-9, -]+)/i.exec(output);
  return match ? match[1]!.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/**
 * Asks the CRM which switches it knows: starts it with a switch name no catalogue has, which it
 * refuses before opening anything, listing the known ones. `undefined` when it does not answer so.
 */
export async function askCrmForSwitchNames(root: string, server: BundledServer): Promise<string[] | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selftest-probe-'));
  try {
    const env = server.env({ port: 0, host: '127.0.0.1', dbFile: path.join(dir, 'probe.db'), faults: 'selftest-no-such-switch', https: false });
    const output = await new Promise<string>((resolve) => {
      // eslint-disable-next-line no-restricted-properties -- the CRM child inherits the caller's environment (PATH, node options)
      const child = spawn(server.command, { cwd: root, shell: true, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { text += d.toString(); });
      // it refuses at once; a CRM that starts anyway is stopped as soon as it says anything else useful
      child.stdout.on('data', () => { if (/listening on/i.test(text)) child.kill('SIGTERM'); });
      child.on('close', () => resolve(text));
      child.on('error', () => resolve(text));
    });
    return knownNamesFromRefusal(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Differences between the document and the CRM, as sentences (empty when they agree). */
export function catalogueDisagreements(documented: readonly DefectSwitch[], crmNames: readonly string[]): string[] {
  const doc = new Set(documented.map((s) => s.name));
  const crm = new Set(crmNames);
  return [
    ...[...crm].filter((n) => !doc.has(n)).map((n) => `the CRM knows "${n}" but the catalogue document has no row for it`),
    ...[...doc].filter((n) => !crm.has(n)).map((n) => `the catalogue document lists "${n}" but the CRM does not know it`),
  ];
}
