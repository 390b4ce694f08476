// The adopt suite: a repository with only .choreo files, run by `runTest.mjs --suite adopt --example test/fixtures/workspace/import-fixture --no-fixtures`.
export { run } from '../suite/index';
