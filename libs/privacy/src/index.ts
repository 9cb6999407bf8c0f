export * from './vault.ts';
export * from './tracking-codes.ts';
