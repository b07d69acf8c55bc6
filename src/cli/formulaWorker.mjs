// Worker thread of check-jacobian / check-gradient: the user's formula runs here so that the
// main thread can stop it if it never returns. tsx is registered again: module hooks are per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runFormulaWorker } = await import('./formulaWorkerMain.ts');
await runFormulaWorker(workerData, parentPort);
