// Rules every service's domain states the same way, pure (domain code may import it): what an instant is, that a
// business time is never in the future, and which version of a policy is in force.
export * from './instants.ts';
export * from './business-time.ts';
export * from './policy-in-force.ts';
