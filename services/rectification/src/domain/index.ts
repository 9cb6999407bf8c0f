export * from './bad-review.ts';
export * from './calendar.ts';
export * from './item.ts';
