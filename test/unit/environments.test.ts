import assert from 'node:assert/strict';
import { defaultEnvironment, environmentChoices, environmentsOf, resolveActiveEnvironment, secretSetFor, secretStatesOf } from '../../src/core/secrets/environments';
import { parseConnectionsText } from '../../src/core/json/parse';

const modelOf = (environments?: unknown) => parseConnectionsText(JSON.stringify({ version: 1, ...(environments === undefined ? {} : { environments }) })).model;

describe('environments', () => {
	it('offers the declared environments in file order, without duplicates or empty names', () => {
		assert.deepEqual(environmentsOf(modelOf(['staging', 'development', 'staging', '', 'production'])), ['staging', 'development', 'production']);
		assert.equal(defaultEnvironment(modelOf(['staging', 'production'])), 'staging');
	});

	it('offers the platform defaults when none are declared (or the list is empty)', () => {
		assert.deepEqual(environmentsOf(modelOf()), ['development', 'production']);
		assert.deepEqual(environmentsOf(modelOf([])), ['development', 'production']);
		assert.equal(defaultEnvironment(modelOf()), 'development');
	});

	it('keeps a remembered environment while it is declared, else falls back to the default and names the stale one', () => {
		const m = modelOf(['development', 'staging', 'production']);
		assert.deepEqual(resolveActiveEnvironment(m, 'staging'), { environment: 'staging', reason: 'remembered' });
		assert.deepEqual(resolveActiveEnvironment(m, undefined), { environment: 'development', reason: 'default' });
		assert.deepEqual(resolveActiveEnvironment(m, 'qa'), { environment: 'development', reason: 'remembered-missing', stale: 'qa' });
	});

	it('puts the active environment first in the picker', () => {
		const m = modelOf(['development', 'staging', 'production']);
		assert.deepEqual(environmentChoices(m, 'production'), ['production', 'development', 'staging']);
		assert.deepEqual(environmentChoices(m, 'gone'), ['development', 'staging', 'production']);
	});

	it('says set / not set per declared environment; a value stored for every environment counts in each', () => {
		const m = modelOf(['development', 'production']);
		const stored = [{ key: 'Password', environment: 'production' }, { key: 'ApiKey', environment: undefined }];
		assert.deepEqual(secretStatesOf(m, stored, 'Password'), [{ environment: 'development', set: false }, { environment: 'production', set: true }]);
		assert.deepEqual(secretStatesOf(m, stored, 'ApiKey'), [{ environment: 'development', set: true }, { environment: 'production', set: true }]);
		assert.deepEqual(secretStatesOf(modelOf(), stored, 'Password'), [{ set: true }]);
		assert.deepEqual(secretStatesOf(modelOf(), stored, 'Other'), [{ set: false }]);
		assert.equal(secretSetFor(stored, 'Password', 'development'), false);
	});
});
