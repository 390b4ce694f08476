// The orders tables live in the organization's shared PostgreSQL cluster.
import pg from 'pg';

export const pool = new pg.Pool({
	host: process.env.CHOREO_SHARED_POSTGRES_HOSTNAME,
	port: Number(process.env.CHOREO_SHARED_POSTGRES_PORT ?? 5432),
	user: process.env.CHOREO_SHARED_POSTGRES_USERNAME,
	password: process.env.CHOREO_SHARED_POSTGRES_PASSWORD,
	database: process.env.CHOREO_SHARED_POSTGRES_DATABASENAME,
	max: 10,
});

export async function insertOrder(customerId: string, totalCents: number): Promise<string> {
	const { rows } = await pool.query<{ id: string }>(
		'INSERT INTO orders (customer_id, total_cents) VALUES ($1, $2) RETURNING id',
		[customerId, totalCents],
	);
	return rows[0].id;
}
