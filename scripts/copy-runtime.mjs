// The runtime is plain JavaScript that the generator copies into every output; ship it beside the compiled code.
import { copyFileSync, mkdirSync } from 'node:fs';
mkdirSync(new URL('../dist/runtime/', import.meta.url), { recursive: true });
copyFileSync(new URL('../src/runtime/thread-runtime.js', import.meta.url), new URL('../dist/runtime/thread-runtime.js', import.meta.url));
