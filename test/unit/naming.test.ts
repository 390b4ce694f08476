import assert from 'node:assert/strict';
import { normaliseName, variableName, variablePrefix } from '../../src/core/model/naming';

describe('naming', () => {
	it('follows the platform: upper case, each run of non-alphanumerics to _', () => {
		assert.equal(variableName('hr-connection', 'ServiceURL'), 'CHOREO_HR_CONNECTION_SERVICEURL');
		assert.equal(variablePrefix('Book Listing  Connection'), 'CHOREO_BOOK_LISTING_CONNECTION_');
		assert.equal(normaliseName('a.-_b'), 'A_B');
	});
	it('keeps digits and names the key the same way as the connection', () => {
		assert.equal(variableName('payments-v2', 'TokenURL'), 'CHOREO_PAYMENTS_V2_TOKENURL');
		assert.equal(variableName('shared.postgres', 'DatabaseName'), 'CHOREO_SHARED_POSTGRES_DATABASENAME');
		assert.equal(variableName('carrier', 'api-key'), 'CHOREO_CARRIER_API_KEY');
	});
});
