import fs from 'node:fs';
import path from 'node:path';
import { envExampleRoles, withRoles } from '../fixtures/config/env-example-roles.js';
import { profile } from '../fixtures/env.js';

/** `npm run env:roles`: rewrites the roles part of .env.example from the CRM profile's role list. */
const file = path.join(import.meta.dirname, '..', '.env.example');
fs.writeFileSync(file, withRoles(fs.readFileSync(file, 'utf8'), envExampleRoles(profile.name, profile.roles)));
console.log(`.env.example: roles of ${profile.name} written (${profile.roles.length})`);
