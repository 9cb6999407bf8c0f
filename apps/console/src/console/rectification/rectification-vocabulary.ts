import type { paths } from '../../api/schema';

type ListQuery = NonNullable<paths['/v1/rectifications']['get']['parameters']['query']>;
export type RectificationSourceKind = NonNullable<ListQuery['source']>;
export type RectificationStatus = NonNullable<ListQuery['status']>;

/** Every value, in screen order; a value the API adds fails the typecheck until it is listed here. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })) =>
    list;

export const rectificationSources = every<RectificationSourceKind>()(['inspection', 'bottom-rank', 'bad-review', 'complaint', 'audit', 'other']);
export const rectificationStatuses = every<RectificationStatus>()(['open', 'in-progress', 'completed', 'verified']);
