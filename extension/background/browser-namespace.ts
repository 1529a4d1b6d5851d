import type Browser from 'webextension-polyfill';

/**
 * The worker's `webextension-polyfill` (scripts/classic-worker.ts points the import here): the same
 * module, handed over as it is. Where Chrome has its own `browser` namespace the polyfill exports that
 * object, and a default `import` of a CommonJS module copies its properties onto a new object, reading
 * each one's descriptor, which builds every extension API's bindings (windows, tabs, storage, …) at every
 * worker start whether it is used or not: 2–4 ms of a 35 ms start. A `require` does no such copy.
 */
const browser: typeof Browser = require('webextension-polyfill/dist/browser-polyfill.js');
export default browser;
