// Worker thread of a command formula (--cmd, .py): owns the command's process and its pipes, so that
// the thread that runs the check can wait for an answer synchronously (see formulaPipe.ts).
import { register } from 'tsx/esm/api';

register();
const { runPipeWorker } = await import('./formulaPipeWorkerMain.ts');
runPipeWorker();
