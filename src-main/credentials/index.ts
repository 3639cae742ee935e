// The production credential API. The test-only ephemeral store is imported from './memory-store'
// directly, so that nothing in the product can pick it up by accident.
export * from './credential-store';
export * from './keychain-error';
export * from './keytar-store';
