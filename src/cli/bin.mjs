#!/usr/bin/env node
// The bptt-claims command. The suite is TypeScript run through tsx, so that claim files and
// user FORMULA modules can be .ts without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
