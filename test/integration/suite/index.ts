// Loaded by the VS Code extension host through extensionTestsPath; it must export run().
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000 });
	if (process.env.HARNESS_GREP) mocha.grep(process.env.HARNESS_GREP);
	for (const f of fs.readdirSync(__dirname).sort()) {
		if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
	}
	const resultFile = process.env.HARNESS_RESULT_FILE;
	return new Promise((resolve, reject) => {
		const runner = mocha.run((failures) => {
			writeResult(true);
			if (failures > 0) reject(new Error(`${failures} test(s) failed`));
			else resolve();
		});
		// Written after every test too, so a run that hangs later still reports what finished.
		const writeResult = (done: boolean) => {
			if (!resultFile) return;
			const s = runner.stats ?? { passes: 0, failures: 0, pending: 0, tests: 0 };
			const tmp = `${resultFile}.tmp`;
			fs.writeFileSync(tmp, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests, done }));
			fs.renameSync(tmp, resultFile);
		};
		runner.on('test end', () => writeResult(false));
		runner.on('hook end', () => writeResult(false));
	});
}
