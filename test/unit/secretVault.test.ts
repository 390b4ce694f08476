import assert from 'node:assert/strict';
import { detectRenames, SecretVault, storageKey, type SecretBackend } from '../../src/core/secrets/secretVault';

/** An in-memory stand-in for VS Code's SecretStorage (docs/reliability.md S3, S6). */
class MemorySecrets implements SecretBackend {
	readonly data = new Map<string, string>();
	failing = false;
	async get(key: string) {
		if (this.failing) throw new Error('no keyring');
		return this.data.get(key);
	}
	async store(key: string, value: string) {
		if (this.failing) throw new Error('no keyring');
		this.data.set(key, value);
	}
	async delete(key: string) {
		if (this.failing) throw new Error('no keyring');
		this.data.delete(key);
	}
}

const repo = 'file:///work/acme';
const CANARY = 'CANARY-7f3a9c1e';

describe('secret vault', () => {
	it("clears one repository's values, says how many, and leaves other repositories alone", async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		const other = 'file:///work/other';
		await vault.store({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret', environment: 'development' }, CANARY);
		await vault.store({ repository: repo, connectionId: 'orders-db', key: 'Password' }, CANARY + '-db');
		await vault.store({ repository: other, connectionId: 'payments', key: 'ConsumerSecret' }, CANARY + '-o');
		assert.equal((await vault.addressesIn(repo)).length, 2);
		assert.equal(await vault.clearRepository(repo), 2);
		assert.deepEqual(await vault.addressesIn(repo), []);
		assert.equal(await vault.get({ repository: other, connectionId: 'payments', key: 'ConsumerSecret' }), CANARY + '-o');
		assert.deepEqual(await vault.keys(), [storageKey({ repository: other, connectionId: 'payments', key: 'ConsumerSecret' })]);
		assert.equal(await vault.clearRepository(repo), 0);
	});

	it('a failing store rejects a clear, and nothing is written anywhere else', async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		await vault.store({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret' }, CANARY);
		mem.failing = true;
		await assert.rejects(vault.clearRepository(repo), /no keyring/);
		await assert.rejects(vault.store({ repository: repo, connectionId: 'payments', key: 'ChoreoAPIKey' }, CANARY), /no keyring/);
		mem.failing = false;
		assert.deepEqual([...mem.data.values()].filter((v) => v.includes(CANARY)), [CANARY]);
	});

	it('after delete and rename, the stored keys match the live connections (no orphans)', async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		await vault.store({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret' }, CANARY);
		await vault.store({ repository: repo, connectionId: 'orders-db', key: 'Password', environment: 'production' }, CANARY + '-db');
		await vault.store({ repository: repo, connectionId: 'stripe', key: 'ApiKey' }, CANARY + '-s');
		await vault.deleteConnection(repo, 'stripe');
		await vault.renameConnection(repo, 'payments', 'billing-api');
		const live = [...mem.data.keys()].filter((k) => k !== 'connections.secretKeys').sort();
		assert.deepEqual(live, [
			storageKey({ repository: repo, connectionId: 'billing-api', key: 'ConsumerSecret' }),
			storageKey({ repository: repo, connectionId: 'orders-db', key: 'Password', environment: 'production' }),
		].sort());
		assert.deepEqual((await vault.keys()).sort(), live);
		assert.equal(await vault.get({ repository: repo, connectionId: 'billing-api', key: 'ConsumerSecret' }), CANARY);
		assert.equal(await vault.has({ repository: repo, connectionId: 'orders-db', key: 'Password', environment: 'production' }), true);
		assert.equal(await vault.has({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret' }), false);
	});

	it('the index of keys never holds a value', async () => {
		const mem = new MemorySecrets();
		await new SecretVault(mem).store({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret' }, CANARY);
		assert.doesNotMatch(mem.data.get('connections.secretKeys')!, /CANARY/);
	});

	it('an ID cannot forge another connection\'s address', () => {
		const a = storageKey({ repository: repo, connectionId: 'a","b', key: 'k' });
		const b = storageKey({ repository: repo, connectionId: 'a', key: 'b","k' });
		assert.notEqual(a, b);
	});

	it('when the store fails, the failure reaches the caller and nothing is written anywhere else', async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		mem.failing = true;
		await assert.rejects(vault.store({ repository: repo, connectionId: 'payments', key: 'ConsumerSecret' }, CANARY), /no keyring/);
		mem.failing = false;
		assert.equal(mem.data.size, 0);
		assert.deepEqual(await vault.keys(), []);
	});

	it('clear removes everything the extension stored', async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		for (let i = 0; i < 100; i++) {
			for (const key of ['ConsumerKey', 'ConsumerSecret', 'ChoreoAPIKey']) {
				await vault.store({ repository: repo, connectionId: `conn-${i}`, key }, `${CANARY}-${i}`);
			}
		}
		assert.equal((await vault.keys()).length, 300);
		await vault.clearAll();
		assert.equal(mem.data.size, 0);
	});
});

describe('secret vault: concurrent changes', () => {
	it('stores fired together all stay in the index', async () => {
		const mem = new MemorySecrets();
		const vault = new SecretVault(mem);
		await Promise.all(Array.from({ length: 20 }, (_, i) => vault.store({ repository: repo, connectionId: `c-${i}`, key: 'Password' }, `v${i}`)));
		assert.equal((await vault.keys()).length, 20);
	});
});

describe('rename detection for stored secrets', () => {
	const at = (id: string, ...path: (string | number)[]) => ({ id, hasId: true, path });
	it('an ID changed in place is a rename', () => {
		assert.deepEqual(detectRenames([at('pay', 'project', 'connections', 0)], [at('payments', 'project', 'connections', 0)]), [{ from: 'pay', to: 'payments' }]);
	});
	it('no rename when the old ID lives on, the new one existed, or the connection moved', () => {
		assert.deepEqual(detectRenames([at('a', 'p', 0), at('b', 'p', 1)], [at('b', 'p', 0)]), []);
		assert.deepEqual(detectRenames([at('a', 'p', 0)], [at('b', 'p', 0), at('a', 'p', 1)]), []);
		assert.deepEqual(detectRenames([at('a', 'p', 0)], [at('a', 'q', 0)]), []);
	});
});
