// The Restricted Mode suite: the same mocha entry, run by `runTest.mjs --suite restricted --untrusted`.
export { run } from '../suite/index';
