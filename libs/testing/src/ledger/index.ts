// Test support for whole ledgers: API keys per role, one client for the embedded host and for processes, and the
// processes of the distributed mode run as `npm run start:<name>` runs them. For tests and benchmarks only.
export * from './api-keys.ts';
export * from './client.ts';
export * from './processes.ts';
