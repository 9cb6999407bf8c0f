import { z } from 'zod';

/**
 * The services that own events; each publishes on its own topic (`ledger.<service>`). `settings` is the
 * ledger's own: what every host records about how the ledger decides (its time zone), not a service process.
 */
export const serviceNames = ['complaints', 'evaluations', 'discipline', 'rankings', 'rectification', 'audit', 'settings'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * One event type at one schema version. Older versions stay in the catalogue with an `upcast`
 * to the next version, so stored events are never rewritten (ARCHITECTURE: schema changes are
 * new versions plus upcasters).
 */
export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly version: number;
  readonly service: ServiceName;
  readonly description: string;
  readonly schema: Schema;
  /** Present on every version but the latest: turns this version's data into the next one's. */
  readonly upcast?: (data: z.infer<Schema>) => unknown;
}

export function defineEvent<const Type extends string, Schema extends z.ZodType>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}

/** A union member `{ type, data }` for each definition, for deciders and projections. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/**
 * Why a text cannot be stored or sent as it is (SPEC 9), or undefined when it can: U+0000 (PostgreSQL text and
 * jsonb refuse it) and unpaired surrogates (not Unicode, not representable in UTF-8) are refused everywhere.
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (!value.isWellFormed()) return 'must not contain an unpaired surrogate (not valid Unicode)';
  return undefined;
}

const textMessage = 'must not contain U+0000 (NUL) or an unpaired surrogate';

/**
 * The one text schema of the ledger (SPEC 9): every text field of an event, a body, a path or a query is this,
 * so NUL and lone surrogates are a 400 naming the field, never a database error. Chain `.min`/`.max`/`.trim`.
 */
export const safeText = () => z.string().refine((value) => textProblem(value) === undefined, { message: textMessage, abort: true });

/**
 * The instants the ledger takes (SPEC 9): from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Earlier or
 * later times are typing mistakes (a year 0, a year 20260) that would otherwise reach the calendar, replays
 * and the database; ISO 8601 cannot write a later year in four digits anyway.
 */
export const instantRange = { fromMs: Date.UTC(1900, 0, 1), toMs: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;

export function instantInRange(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= instantRange.fromMs && ms <= instantRange.toMs;
}

/** ISO 8601 instant with offset, as API.md requires for every time, between 1900 and 9999 (`instantRange`). */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .refine(instantInRange, { message: 'must be an instant from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z' });
export const identifier = safeText().min(1).max(200);
