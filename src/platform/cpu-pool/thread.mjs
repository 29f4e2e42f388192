// Entry of a CPU pool thread. A worker thread does not inherit the loader hooks of the thread that started it, so
// the TypeScript sources are registered here again, as bin/hub.mjs does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
