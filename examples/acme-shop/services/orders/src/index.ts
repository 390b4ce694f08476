// Orders API: prices an order from the catalog, stores it and charges it.
import { createServer } from 'node:http';
import { insertOrder } from './db.js';
import { charge } from './payments.js';

const catalogUrl = process.env.CHOREO_CATALOG_SERVICEURL ?? 'http://localhost:8081/catalog';

async function priceOf(sku: string): Promise<number> {
	const res = await fetch(`${catalogUrl}/products/${encodeURIComponent(sku)}`);
	const product = (await res.json()) as { priceCents: number };
	return product.priceCents;
}

createServer(async (req, res) => {
	if (req.method !== 'POST' || req.url !== '/orders') {
		res.writeHead(404).end();
		return;
	}
	let body = '';
	for await (const chunk of req) body += chunk;
	const { customerId, sku, quantity } = JSON.parse(body) as { customerId: string; sku: string; quantity: number };
	const total = (await priceOf(sku)) * quantity;
	const id = await insertOrder(customerId, total);
	await charge(id, total);
	res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, totalCents: total }));
}).listen(Number(process.env.PORT ?? 8080));
