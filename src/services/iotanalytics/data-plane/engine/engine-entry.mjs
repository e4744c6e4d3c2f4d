// Entry of the data plane's worker thread. The sources are TypeScript: the
// thread registers tsx's loader itself, as bin/oia.js does for the main
// thread (a loader registered there does not reach worker threads).
import { register } from 'tsx/esm/api';

register();
await import('./engine-main.ts');
