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

export type EventData<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

/** A union member `{ type, data }` for each definition, for deciders and projections. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** ISO 8601 instant with offset, as API.md requires for every time. */
export const isoInstant = z.iso.datetime({ offset: true });
export const identifier = z.string().min(1).max(200);
