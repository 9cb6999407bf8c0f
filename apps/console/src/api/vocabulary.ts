import type { paths } from './schema';

/** The API's enumerations, taken from the generated schema; the lists give their order on screen. */
type FileBody = paths['/v1/complaints']['post']['requestBody']['content']['application/json'];
type FindingBody = paths['/v1/complaints/{id}/finding']['post']['requestBody']['content']['application/json'];
type ListQuery = NonNullable<paths['/v1/complaints']['get']['parameters']['query']>;

export type ComplaintChannel = FileBody['channel'];
export type ComplaintCategory = FileBody['category'];
export type FindingOutcome = FindingBody['outcome'];
export type ComplaintStatus = NonNullable<ListQuery['status']>;

/** A list of every value of `T`, in screen order; a value missing from it fails the typecheck. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })) =>
    list;

export const complaintChannels = every<ComplaintChannel>()([
  'hotline-12345',
  'livelihood-hotline',
  'petition-office',
  'complaint-center',
  'service-center',
  'media',
  'mailbox',
  'phone',
  'email',
  'web',
  'qr-code',
]);
export const complaintCategories = every<ComplaintCategory>()(['inaction', 'delay', 'buck-passing', 'attitude', 'arbitrary-charges', 'misconduct', 'other']);
export const findingOutcomes = every<FindingOutcome>()(['valid', 'valid-violation', 'invalid']);
export const complaintStatuses = every<ComplaintStatus>()(['filed', 'accepted', 'rejected', 'found', 'appealed', 'closed']);
/** The channels a complainant files on without an account (SPEC 8). */
const publicChannels = ['web', 'qr-code'] as const satisfies readonly ComplaintChannel[];
export type PublicChannel = (typeof publicChannels)[number];
