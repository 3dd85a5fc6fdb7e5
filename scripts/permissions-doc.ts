import fs from 'node:fs';
import path from 'node:path';
import { EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES } from '../profiles/demo-crm/permissions/matrix.js';
import { matrixMarkdown, replaceGenerated } from '../profiles/demo-crm/permissions/matrix-markdown.js';

/** Rewrites the matrix tables of docs/permissions.md from profiles/demo-crm/permissions/matrix.ts. */
const file = path.resolve(import.meta.dirname, '../docs/permissions.md');
fs.writeFileSync(file, replaceGenerated(fs.readFileSync(file, 'utf8'), matrixMarkdown(EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES)));
console.log(`updated ${path.relative(process.cwd(), file)}`);
