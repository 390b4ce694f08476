import assert from 'node:assert/strict';
import { AddConnectionFlow, extraKeysError, oauthAppError, placeOfNode, splitKeys, valueError } from '../../src/core/views/addConnectionSteps';
import { viewMessageText } from '../../src/core/findings/messages';
import type { TreeNode } from '../../src/core/views/treeModel';

const palette = (components = 2) => new AddConnectionFlow({}, false, {}, components);

describe('addConnectionSteps', () => {
	it('asks scope, kind, ID, target, parameters and uses from the palette; the steps grow with the answers', () => {
		const flow = palette();
		// Before the keys are picked, the value steps of the preselected keys count (the total only shrinks later).
		assert.deepEqual(flow.steps(), ['scope', 'kind', 'id', 'target', 'keys', 'value:ServiceURL', 'uses']);
		flow.state.scope = 'component';
		assert.deepEqual(flow.steps(), ['scope', 'component', 'kind', 'id', 'target', 'keys', 'value:ServiceURL']);
		flow.state.scope = 'project';
		flow.answerKind('service');
		assert.deepEqual(flow.steps(), ['scope', 'kind', 'id', 'target', 'access', 'security', 'keys', 'value:ServiceURL', 'value:ConsumerKey', 'value:TokenURL', 'uses']);
		flow.state.security = 'oauth2';
		assert.deepEqual(flow.steps(), ['scope', 'kind', 'id', 'target', 'access', 'security', 'oauthApp', 'keys', 'value:ServiceURL', 'value:ConsumerKey', 'value:TokenURL', 'uses']);
		flow.answerKind('third-party');
		assert.deepEqual(flow.steps(), ['scope', 'kind', 'id', 'target', 'extraKeys', 'keys', 'value:ServiceURL', 'uses']);
	});

	it('numbers the steps as the counter shows them, and says which comes next', () => {
		const flow = palette();
		assert.deepEqual(flow.counter('scope'), { step: 1, total: 7 });
		assert.deepEqual(flow.counter('uses'), { step: 7, total: 7 });
		assert.deepEqual(flow.counter('access'), { step: 0, total: 7 });
		assert.equal(flow.next('scope'), 'kind');
		assert.equal(flow.next('uses'), undefined);
		flow.answerKind('database');
		flow.state.pickedKeys = ['HostName', 'Password', 'Port'];
		assert.deepEqual(flow.steps().slice(4), ['keys', 'value:HostName', 'value:Port', 'uses']);
		assert.deepEqual(flow.counter('value:Port'), { step: 7, total: 8 });
		assert.equal(flow.next('keys'), 'value:HostName');
	});

	it('the counter never goes back: with the preselected keys kept, each step is one more of the same total', () => {
		const flow = palette();
		flow.state.scope = 'project';
		flow.answerKind('database');
		const seen = flow.steps().map((step) => flow.counter(step));
		assert.deepEqual(seen.map((c) => c.step), seen.map((_, i) => i + 1));
		assert.ok(seen.every((c) => c.total === seen.length), JSON.stringify(seen));
		flow.state.pickedKeys = flow.offeredKeys().map((k) => k.key); // the user keeps the preselection
		assert.deepEqual(flow.steps().map((step) => flow.counter(step)), seen);
	});

	it('skips what is given in advance, and with an argument object asks only for missing required answers', () => {
		const fromTree = new AddConnectionFlow({}, false, { scope: 'component', componentIndex: 1 }, 2);
		assert.deepEqual(fromTree.steps(), ['kind', 'id', 'target', 'keys', 'value:ServiceURL']);
		assert.deepEqual(fromTree.scopeTarget(), { scope: 'component', componentIndex: 1 });
		const args = new AddConnectionFlow({ kind: 'database', id: 'pg' }, true, {}, 2);
		assert.deepEqual(args.steps(), ['scope', 'target']);
		assert.deepEqual(args.scopeTarget(), { scope: 'project', componentIndex: undefined });
		const given = new AddConnectionFlow({ kind: 'service', access: 'public', parameters: {}, addToUses: [] }, false, {}, 2);
		assert.deepEqual(given.steps(), ['scope', 'id', 'target', 'security']);
		assert.deepEqual(palette(0).steps(), ['scope', 'kind', 'id', 'target', 'keys', 'value:ServiceURL']);
	});

	it('a new kind forgets the target (unless given) and the picked parameters; a new access mode forgets a scheme it does not offer', () => {
		const flow = palette();
		flow.answerKind('database');
		flow.state.target = 'database:pg';
		flow.state.pickedKeys = ['HostName'];
		flow.answerKind('database');
		assert.equal(flow.state.target, 'database:pg');
		flow.answerKind('service');
		assert.equal(flow.state.target, undefined);
		assert.equal(flow.state.pickedKeys, undefined);
		const kept = new AddConnectionFlow({ target: 'database:x' }, false, {}, 0);
		kept.answerKind('service');
		assert.equal(kept.state.target, 'database:x');
		flow.state.security = 'oauth2';
		flow.answerAccess('organization');
		assert.equal(flow.state.security, 'oauth2');
		flow.answerAccess('project');
		assert.equal(flow.state.security, undefined);
		assert.deepEqual(flow.securityChoices(), ['none']);
	});

	it('offers the access mode the target implies, or all', () => {
		const flow = palette();
		flow.answerKind('service');
		assert.deepEqual(flow.accessChoices(), ['project', 'organization', 'public']);
		flow.state.target = 'service:/shop/orders/v1/api/PUBLIC';
		assert.equal(flow.impliedAccess(), 'public');
		assert.deepEqual(flow.accessChoices(), ['public']);
	});

	it('third-party extra keys: marked secrets are secret, not asked for a value, and written as secret keys', () => {
		const flow = palette();
		flow.state.scope = 'project';
		flow.answerKind('third-party');
		flow.state.id = 'twilio';
		flow.state.target = 'thirdparty:twilio/v1';
		flow.answerExtraKeys('AccountSid, AuthToken*');
		assert.equal(flow.extraKeysText(), 'AccountSid, AuthToken*');
		assert.deepEqual(flow.offeredKeys().map((k) => k.key), ['ServiceURL', 'AccountSid', 'AuthToken']);
		assert.ok(flow.isSecret('AuthToken') && !flow.isSecret('AccountSid'));
		flow.state.pickedKeys = ['ServiceURL', 'AccountSid', 'AuthToken'];
		assert.deepEqual(flow.steps().filter((s) => s.startsWith('value:')), ['value:ServiceURL', 'value:AccountSid']);
		flow.answerValue('ServiceURL', 'https://api.twilio.com');
		flow.answerValue('AccountSid', '');
		assert.deepEqual(flow.answers(), {
			kind: 'third-party', id: 'twilio', target: 'thirdparty:twilio/v1', name: undefined, description: undefined,
			access: undefined, security: undefined, oauthApp: undefined,
			parameters: { ServiceURL: 'https://api.twilio.com', AuthToken: { secret: true } }, secretKeys: ['AuthToken'],
		});
	});

	it('writes a port as a number, leaves out empty values and unpicked ones, and has no answers until the required ones are there', () => {
		const flow = palette();
		assert.equal(flow.answers(), undefined);
		flow.answerKind('database');
		Object.assign(flow.state, { scope: 'organization', id: 'pg', target: 'database:pg' });
		flow.state.pickedKeys = ['Port', 'Password'];
		flow.answerValue('Port', '5432');
		flow.answerValue('HostName', 'db');
		assert.equal(flow.valueText('Port'), '5432');
		assert.deepEqual(flow.answers()?.parameters, { Port: 5432, Password: { secret: true } });
		flow.answerValue('Port', 'x5432');
		assert.deepEqual(flow.answers()?.parameters, { Port: 'x5432', Password: { secret: true } });
		const args = new AddConnectionFlow({ kind: 'database', id: 'pg', target: 'database:pg', scope: 'project', parameters: { HostName: 'db' } }, true, {}, 0);
		assert.deepEqual(args.steps(), []);
		assert.deepEqual(args.answers()?.parameters, { HostName: 'db' });
	});

	it('an empty OAuth application means none', () => {
		const flow = palette();
		flow.answerOAuthApp('');
		assert.equal(flow.state.oauthApp, undefined);
		flow.answerOAuthApp('shop-app');
		assert.equal(flow.state.oauthApp, 'shop-app');
	});

	it('starts in the scope of the tree node it was started from', () => {
		const comp = { index: 3 } as TreeNode['component'];
		assert.deepEqual(placeOfNode({ kind: 'organization' } as TreeNode), { scope: 'organization' });
		assert.deepEqual(placeOfNode({ kind: 'project' } as TreeNode), { scope: 'project' });
		assert.deepEqual(placeOfNode({ kind: 'component', component: comp } as TreeNode), { scope: 'component', componentIndex: 3 });
		assert.deepEqual(placeOfNode({ kind: 'connection', component: comp, scope: 'project' } as TreeNode), { scope: 'component', componentIndex: 3 });
		assert.deepEqual(placeOfNode({ kind: 'connection', scope: 'organization' } as TreeNode), { scope: 'organization' });
		assert.deepEqual(placeOfNode({ kind: 'components' } as TreeNode), {});
	});

	it('validates extra keys, OAuth application names and values, in the words of the catalogue', () => {
		assert.deepEqual(splitKeys(' a , b* ,, '), [{ key: 'a', secret: false }, { key: 'b', secret: true }]);
		assert.equal(extraKeysError('AccountSid, AuthToken*'), undefined);
		assert.equal(viewMessageText(extraKeysError('1abc')!), 'A parameter key starts with a letter and has only letters, digits and "_".');
		assert.equal(oauthAppError(''), undefined);
		assert.equal(oauthAppError('shop app'), undefined);
		assert.match(viewMessageText(oauthAppError('a')!), /connection name rule: 3–50/);
		assert.equal(valueError('x'.repeat(2000)), undefined);
		for (const bad of ['0', '65536', '54x', '1e3', '-1', '5432.5']) {
			assert.equal(viewMessageText(valueError(bad, 'Port')!), 'A port is a whole number from 1 to 65535.', bad);
		}
		assert.equal(valueError('5432', 'Port'), undefined);
		assert.equal(valueError('', 'Port'), undefined, 'empty leaves it out');
		assert.equal(valueError('54x', 'HostName'), undefined);
		assert.equal(viewMessageText(valueError('x'.repeat(2001))!), 'At most 2000 characters.');
	});
});
