import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { readZip } from '../../fixtures/report-checks/zip.js';
import { scanForSecrets, secretForms } from '../../fixtures/report-checks/secret-scan.js';

/** A minimal zip writer (deflated entries), enough to build a fake trace. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = zlib.deflateRawSync(Buffer.from(text));
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(text.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(text.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('secret scan', () => {
  const secret = { label: 'ROLE_ADMIN_PASSWORD', value: 'Admin#Flows 2026' };

  it('looks for the secret as typed, form-encoded and JSON-escaped', () => {
    assert.deepEqual(secretForms(secret.value), ['Admin#Flows 2026', 'Admin%23Flows%202026', 'Admin%23Flows+2026']);
  });

  it('reads deflated zip entries', () => {
    assert.deepEqual(readZip(zip({ 'a.txt': 'hello', 'b/c.json': '{}' })).map((e) => [e.name, e.data.toString()]), [['a.txt', 'hello'], ['b/c.json', '{}']]);
  });

  it('finds a password in plain files and inside a trace zip, and nothing in clean folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'clean.json'), '{"step":"Sales rep Li Wei signs in"}');
    fs.writeFileSync(path.join(dir, 'nested', 'result.json'), '{"title":"Fill \\"Admin#Flows 2026\\""}');
    fs.writeFileSync(path.join(dir, 'trace.zip'), zip({ 'trace.network': 'username=admin&password=Admin%23Flows+2026' }));

    const { findings, filesScanned } = scanForSecrets([dir], [secret]);
    assert.equal(filesScanned, 3);
    assert.deepEqual(
      findings.map((f) => [path.relative(dir, f.file), f.entry]),
      [['nested/result.json', undefined], ['trace.zip', 'trace.network']],
    );

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
    fs.writeFileSync(path.join(empty, 'ok.txt'), 'nothing here');
    assert.deepEqual(scanForSecrets([empty, path.join(empty, 'missing')], [secret]).findings, []);
  });
});
