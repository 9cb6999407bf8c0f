export * from './default-policy.ts';
export * from './policy-in-force.ts';
export * from './schema.ts';
export * from './adopt-policy.ts';
