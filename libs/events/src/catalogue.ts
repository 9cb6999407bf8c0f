import type { z } from 'zod';
import { accessEvents } from './access.ts';
import { complaintEvents, complaintEventsEarlierVersions } from './complaints.ts';
import type { EventDefinition, ServiceName } from './define.ts';
import { disciplineEvents } from './discipline.ts';
import { evaluationsEvents } from './evaluations.ts';
import { rankingsEvents } from './rankings.ts';
import { rectificationEvents } from './rectification.ts';
import { registryEvents } from './registry.ts';
import { settingsEvents } from './settings.ts';

/** Every event type the ledger knows, at every schema version. */
export const catalogue: readonly EventDefinition[] = [
  ...registryEvents,
  ...complaintEventsEarlierVersions,
  ...complaintEvents,
  ...disciplineEvents,
  ...evaluationsEvents,
  ...rankingsEvents,
  ...rectificationEvents,
  ...settingsEvents,
  ...accessEvents,
];

/** Type → version → definition: looked up twice for every event a consumer or a replay takes, so without building a key. */
const byTypeAndVersion = new Map<string, Map<number, EventDefinition>>();
for (const definition of catalogue) {
  let versions = byTypeAndVersion.get(definition.type);
  if (!versions) byTypeAndVersion.set(definition.type, (versions = new Map()));
  versions.set(definition.version, definition);
}
const latestVersion = new Map<string, number>();
for (const definition of catalogue) {
  latestVersion.set(definition.type, Math.max(latestVersion.get(definition.type) ?? 0, definition.version));
}

export class UnknownEventTypeError extends Error {
  readonly type: string;
  readonly version: number;
  constructor(type: string, version: number) {
    super(`unknown event type ${type} v${version}`);
    this.type = type;
    this.version = version;
  }
}

export class InvalidEventError extends Error {
  readonly type: string;
  readonly issues: z.core.$ZodIssue[];
  constructor(type: string, issues: z.core.$ZodIssue[]) {
    super(`invalid ${type}: ${issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
    // The buses recognise an event that can never be handled by this name and dead-letter it.
    this.name = 'InvalidEventError';
    this.type = type;
    this.issues = issues;
  }
}

export function definitionOf(type: string, version?: number): EventDefinition {
  const resolvedVersion = version ?? latestVersion.get(type) ?? 0;
  const definition = byTypeAndVersion.get(type)?.get(resolvedVersion);
  if (!definition) throw new UnknownEventTypeError(type, resolvedVersion);
  return definition;
}

export function latestVersionOf(type: string): number {
  const version = latestVersion.get(type);
  if (version === undefined) throw new UnknownEventTypeError(type, 0);
  return version;
}

export function serviceOf(type: string): ServiceName {
  return definitionOf(type).service;
}

/** Whether the catalogue knows the type (at any version). */
export const isKnownEventType = (type: string): boolean => latestVersion.has(type);

/**
 * The event types a consumer of `services` handles: `eventTypes` when it names them (each must be a known type
 * of one of those services: a typo would silently starve it), else every type of the services.
 */
export function handledEventTypes(services: readonly ServiceName[], eventTypes?: readonly string[]): ReadonlySet<string> {
  const read = new Set<ServiceName>(services);
  if (eventTypes === undefined) return new Set(catalogue.filter((definition) => read.has(definition.service)).map((definition) => definition.type));
  for (const type of eventTypes) {
    if (!isKnownEventType(type)) throw new UnknownEventTypeError(type, 0);
    if (!read.has(serviceOf(type))) throw new Error(`event type ${type} belongs to ${serviceOf(type)}, which is not among the services read (${services.join(', ')})`);
  }
  return new Set(eventTypes);
}

/** Validates event data against its schema; throws InvalidEventError naming every bad field. */
export function validateEvent(type: string, version: number, data: unknown): unknown {
  const result = definitionOf(type, version).schema.safeParse(data);
  if (!result.success) throw new InvalidEventError(type, result.error.issues);
  return result.data;
}

/** Brings stored data of any known version up to the latest schema of its type. */
export function upcast(type: string, version: number, data: unknown): { schemaVersion: number; data: unknown } {
  let current = validateEvent(type, version, data);
  let currentVersion = version;
  for (;;) {
    const definition = definitionOf(type, currentVersion);
    if (!definition.upcast) return { schemaVersion: currentVersion, data: current };
    currentVersion += 1;
    current = validateEvent(type, currentVersion, definition.upcast(current));
  }
}
