#!/usr/bin/env node
// `claims` in a checkout (`npx claims --help`, `npx claims 835 <file>`): the TypeScript CLI in
// cli/claims.ts, loaded through tsx's require hook (a dev dependency that `npm ci` installs).
require('tsx/cjs');
require('../cli/claims.ts');
