// Calls the payments service with an OAuth2 client-credentials token.
// PAYMENTS_URL is the renamed CHOREO_PAYMENTS_SERVICEURL (see "env" in connections.json).
const serviceUrl = process.env.PAYMENTS_URL ?? '';
const tokenUrl = process.env.CHOREO_PAYMENTS_TOKENURL ?? '';
const clientId = process.env.CHOREO_PAYMENTS_CONSUMERKEY ?? '';
const clientSecret = process.env.CHOREO_PAYMENTS_CONSUMERSECRET ?? '';

async function accessToken(): Promise<string> {
	const res = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
	});
	const body = (await res.json()) as { access_token: string };
	return body.access_token;
}

export async function charge(orderId: string, amountCents: number): Promise<void> {
	const res = await fetch(`${serviceUrl}/charges`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${await accessToken()}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ orderId, amountCents, currency: 'EUR' }),
	});
	if (!res.ok) {
		throw new Error(`payment for order ${orderId} failed: ${res.status}`);
	}
}
