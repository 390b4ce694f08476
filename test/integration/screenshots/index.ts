// The screenshot suite runs through the same mocha entry as the integration tests (bundled here,
// so it loads this folder's *.test.js). Run it with `npm run screenshots`.
export { run } from '../suite/index';
