// The multi-root suite: the same mocha entry, run by `runTest.mjs --suite multiroot --multi-root DIR`.
export { run } from '../suite/index';
