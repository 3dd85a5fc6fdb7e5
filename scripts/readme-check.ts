import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Type-checks the TypeScript examples of README.md, so the docs cannot show code that does not
 * compile. Each ```ts block starts with a comment naming where such a file lives
 * (`// flows/demo-crm/my-flow.spec.ts`); it is written there under a temporary name, checked with the
 * project's compiler settings, and removed. Every file of the repository the text names outside those
 * examples must exist: a command to copy that names a moved spec finds no tests.
 */
const root = path.resolve(import.meta.dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

const TS_BLOCK = /```ts\n([\s\S]*?)```/g;
const prose = readme.replace(TS_BLOCK, '');
const named = new Set([...prose.matchAll(/(?<![\w./-])((?:flows|fixtures|profiles|pages|scripts|docs|bench|load|tests|demo-crm)\/[\w./-]*\w\.(?:ts|md|js|mjs|json|ya?ml))/g)].map((m) => m[1]!));
// profiles/my-crm/… is the README's name for a team's own profile, not a file of this repository
const missing = [...named].filter((file) => !file.includes('/my-crm/') && !fs.existsSync(path.join(root, file)));
if (missing.length > 0) {
  console.error(`README.md names files that do not exist:\n  ${missing.join('\n  ')}`);
  process.exitCode = 1;
}
const blocks = [...readme.matchAll(TS_BLOCK)].map((m) => m[1]!);
const written: string[] = [];
try {
  blocks.forEach((code, i) => {
    const home = /^\/\/ ((?:flows|profiles|pages|fixtures)\/[\w./-]+\.ts)\n/.exec(code)?.[1];
    if (!home) throw new Error(`README.md: TypeScript block ${i + 1} must start with a comment naming its file, e.g. // flows/demo-crm/my-flow.spec.ts`);
    const file = path.join(root, path.dirname(home), `.readme-example-${i + 1}.ts`);
    fs.writeFileSync(file, code);
    written.push(file);
  });
  const config = path.join(root, '.flows', 'tsconfig.readme.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(config, JSON.stringify({ extends: '../tsconfig.json', include: written, compilerOptions: { noUnusedLocals: false } }));
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', config], { encoding: 'utf8' });
  const output = `${tsc.stdout}${tsc.stderr}`.replace(/\.readme-example-(\d+)\.ts/g, 'README.md block $1');
  if (tsc.status !== 0) {
    console.error(`README.md examples do not compile:\n${output}`);
    process.exitCode = 1;
  } else console.log(`README.md: ${blocks.length} TypeScript example(s) compile`);
} finally {
  for (const file of written) fs.rmSync(file, { force: true });
}
