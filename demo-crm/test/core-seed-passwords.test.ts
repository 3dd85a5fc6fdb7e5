import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { verifyPassword } from '../src/core/auth.js';
import { seedPasswordHashes } from '../src/core/seed-passwords.js';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-hashes-')), 'nested', 'seed-password-hashes.json');

describe('core: the seed users\' password hashes kept between fresh databases', () => {
  test('a second fresh database reuses the kept hashes, and each hash verifies its own password only', () => {
    const file = tmpFile();
    const passwords = { 'kept.one': 'Kept#One2026', 'kept.two': 'Kept#Two2026' };
    const first = seedPasswordHashes(file, passwords);
    assert.ok(fs.existsSync(file), 'the hashes are written to the file');
    assert.ok(!fs.readFileSync(file, 'utf8').includes('Kept#One2026'), 'no password is written');
    assert.notEqual(first['kept.one'], first['kept.two'], 'each user has a salt of its own');
    assert.ok(verifyPassword('Kept#One2026', first['kept.one']!));
    assert.ok(!verifyPassword('Kept#Two2026', first['kept.one']!));
    const again = seedPasswordHashes(file, { ...passwords });
    assert.deepEqual(again, first);
  });

  test('a changed seed password hashes every seed user again', () => {
    const file = tmpFile();
    const before = seedPasswordHashes(file, { 'change.me': 'Before#2026', 'stays.same': 'Same#2026' });
    const after = seedPasswordHashes(file, { 'change.me': 'After#2026', 'stays.same': 'Same#2026' });
    assert.ok(verifyPassword('After#2026', after['change.me']!));
    assert.ok(!verifyPassword('Before#2026', after['change.me']!));
    assert.notEqual(after['stays.same'], before['stays.same']);
    assert.ok(verifyPassword('Same#2026', after['stays.same']!));
  });

  test('a damaged or unwritable file only costs the time: the hashes are made again and verify', () => {
    const damaged = tmpFile();
    fs.mkdirSync(path.dirname(damaged), { recursive: true });
    fs.writeFileSync(damaged, '{"key": "not json');
    const fromDamaged = seedPasswordHashes(damaged, { 'damaged.file': 'Damaged#2026' });
    assert.ok(verifyPassword('Damaged#2026', fromDamaged['damaged.file']!));

    const blocked = path.join(tmpFile(), 'under-a-file.json');
    fs.mkdirSync(path.dirname(path.dirname(blocked)), { recursive: true });
    fs.writeFileSync(path.dirname(blocked), 'a file where the folder should be');
    const unwritten = seedPasswordHashes(blocked, { 'blocked.file': 'Blocked#2026' });
    assert.ok(verifyPassword('Blocked#2026', unwritten['blocked.file']!));
    assert.ok(!fs.existsSync(blocked));
  });
});
