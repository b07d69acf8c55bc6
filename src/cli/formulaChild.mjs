// Child process of check-jacobian / check-gradient and of the replay of their counterexamples: the
// user's formula runs here, so that the parent can stop it if it never returns and what it writes
// (even to fd 1) never reaches the parent's stdout. Both tsx hooks are registered: a .ts or .js file
// outside an ES-module package is loaded as CommonJS, which the ESM hook alone cannot compile.
import { register as registerCjs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

register();
registerCjs();
const { runFormulaChild } = await import('./formulaChildMain.ts');
await runFormulaChild();
