export * from './bad-review.ts';
export * from './calendar.ts';
export * from './item.ts';
export * from './deadline-policy.ts';
