// The generated document the benchmarks measure.

/** A realistic document: a third organization, a third project, the rest in components. */
export function makeDocument(n: number): string {
	const conn = (i: number) => ({
		id: `conn-${i}`,
		name: `Connection number ${i}`,
		description: 'Generated for the benchmark; a realistic amount of text in each connection.',
		kind: i % 3 === 0 ? 'database' : 'service',
		target: i % 3 === 0 ? `database:pg-main/db${i}` : `service:/shop/svc${i}/v1/api/ORGANIZATION`,
		...(i % 3 === 0 ? {} : { access: 'organization', security: { scheme: 'oauth2', oauthApp: i < n / 3 ? `org-app-${i}` : 'shop-app' } }),
		parameters: i % 3 === 0
			? { HostName: { development: `db${i}.dev.internal`, production: `db${i}.internal` }, Port: 5432, Username: 'app', Password: { secret: true }, DatabaseName: `db${i}` }
			: { ServiceURL: { development: `https://svc${i}.dev.acme.io`, production: `https://svc${i}.acme.io` }, ConsumerKey: `key-${i}`, ConsumerSecret: { secret: true }, TokenURL: 'https://sts.acme.io/oauth2/token' },
	});
	const org = Array.from({ length: Math.floor(n / 3) }, (_, i) => conn(i));
	const project = Array.from({ length: Math.floor(n / 3) }, (_, i) => conn(i + Math.floor(n / 3)));
	const components = Array.from({ length: 100 }, (_, c) => ({
		id: `component-${c}`, type: 'service', path: `services/c${c}`,
		uses: [`conn-${c}`, `conn-${c + Math.floor(n / 3)}`],
		connections: Array.from({ length: Math.ceil((n - 2 * Math.floor(n / 3)) / 100) }, (_, k) => conn(2 * Math.floor(n / 3) + c * Math.ceil((n - 2 * Math.floor(n / 3)) / 100) + k)),
	}));
	return JSON.stringify({ version: 1, organization: { id: 'acme', connections: org }, project: { id: 'shop', connections: project, components } }, null, 2);
}
