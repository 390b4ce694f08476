// Times each phase of validating a large connections.json, to see where the time goes.
import { parseTree } from 'jsonc-parser';
import { parseConnectionsText, findExcessiveNesting } from '../src/core/json/parse';
import { validateSchema } from '../src/core/json/schemaValidation';
import { checkModel } from '../src/core/analysis/rules';
import { buildIndex } from '../src/core/model/scope';
import { makeDocument } from './document';

const text = makeDocument(Number(process.argv[2] ?? 10000));
const t = (label: string, fn: () => unknown) => {
	const s = process.hrtime.bigint();
	const r = fn();
	console.log(`${label.padEnd(30)} ${(Number(process.hrtime.bigint() - s) / 1e6).toFixed(1)} ms`);
	return r;
};
t('JSON.parse', () => JSON.parse(text));
t('scanner depth check', () => findExcessiveNesting(text, 64));
t('jsonc parseTree', () => parseTree(text, [], { allowTrailingComma: true }));
const parsed = t('parseConnectionsText', () => parseConnectionsText(text)) as ReturnType<typeof parseConnectionsText>;
t('schema', () => validateSchema(parsed.root!, parsed.value));
const index = t('index', () => buildIndex(parsed.model)) as ReturnType<typeof buildIndex>;
t('rules', () => checkModel(parsed.model, index));
