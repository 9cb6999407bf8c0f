// The pure core every service's domain builds on: no I/O here, so domain code may import it.
export * from './decision.ts';
export * from './decider.ts';
