export type * from './commands.ts';
export * from './errors.ts';
export * from './state.ts';
export * from './decide.ts';
export { calendarDaysDeadline, extendedDeadline } from './time.ts';
export type { EraseComplainantData } from './erasure.ts';
export * from './deciders.ts';
export * from './policy.ts';
