import { randomUUID } from 'node:crypto';
import { type Decider, type DomainEvent, fold } from '@ledger/decider';
import { type EventMetadata, type NewEvent, type RecordedEvent, latestVersionOf, upcast, validateEvent } from '@ledger/events';
import { deterministicId } from './deterministic-ids.ts';
import { inSpan, isTracingOn } from './tracing.ts';
import { type AppendResult, type EventStore, PartialDuplicateAppendError, WrongExpectedVersionError } from './port.ts';

export interface CommandContext {
  /**
   * The idempotency key (or, for a consumer, `event:<source event id>`): the events appended get ids derived from
   * it, and a repeat finds them in the stream and answers as the first time without deciding again.
   */
  idempotencyKey?: string;
  /** Digest of the request behind the key: the same key with another request is refused, not answered. */
  requestFingerprint?: string;
  actor?: string;
  correlationId?: string;
  causationId?: string;
  /** Business time of the events (defaults to the recording time). */
  occurredAt?: string;
  /**
   * The caller expects the stream not to exist yet (a rating of a transaction, an effect of one source event): the
   * command is first decided on the empty history without reading the stream, and appended expecting no stream. The
   * store checks the guess: if the stream exists, the append is refused and writes nothing, and the command is decided
   * again on the stream as read, as always (so a repeat is answered or refused as without the hint). A refusal or
   * nothing to append on the empty history is also decided again on the stream as read. Saves a read a command (issue 9).
   */
  likelyNewStream?: boolean;
}

export type CommandResult<State, Error> =
  | { ok: true; state: State; events: RecordedEvent[]; replayed: boolean }
  | { ok: false; error: Error };

export class IdempotencyKeyReusedError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`idempotency key ${key} was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
    this.key = key;
  }
}

export class ConcurrencyConflictError extends Error {
  readonly streamId: string;
  constructor(streamId: string, attempts: number) {
    super(`stream ${streamId} kept changing under ${attempts} attempts; nothing was written`);
    this.name = 'ConcurrencyConflictError';
    this.streamId = streamId;
  }
}

/** Reads a stream with every event brought up to its latest schema version. */
export async function loadStream(store: EventStore, streamId: string, recordedUpTo?: string): Promise<RecordedEvent[]> {
  const events = await store.readStream(streamId, recordedUpTo ? { recordedUpTo } : {});
  return events.map((event) => ({ ...event, ...upcast(event.type, event.schemaVersion, event.data) }));
}

/**
 * Runs one command against one stream: load, fold, decide, append with the version it decided on.
 * A concurrent writer makes the append fail; the command is then decided again on the new state (that is
 * optimistic concurrency, not an overwrite: the decider sees what the other writer did). After `maxAttempts`
 * it gives up with ConcurrencyConflictError and nothing written.
 */
export async function executeCommand<Command, State, Event extends DomainEvent, Error>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event, Error>,
  command: Command,
  context: CommandContext = {},
  maxAttempts = 20,
): Promise<CommandResult<State, Error>> {
  if (!isTracingOn()) return decideAndAppend(store, streamId, decider, command, context, maxAttempts);
  const type = typeof command === 'object' && command !== null ? (command as { type?: unknown }).type : undefined;
  const attributes = { 'ledger.stream_id': streamId, ...(typeof type === 'string' ? { 'ledger.command_type': type } : {}) };
  return inSpan('ledger.command', { attributes }, async (span) => {
    const result = await decideAndAppend(store, streamId, decider, command, context, maxAttempts);
    span.setAttributes({ 'ledger.command_ok': result.ok, ...(result.ok ? { 'ledger.events_appended': result.events.length, 'ledger.replayed': result.replayed } : {}) });
    return result;
  });
}

async function decideAndAppend<Command, State, Event extends DomainEvent, Error>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event, Error>,
  command: Command,
  context: CommandContext,
  maxAttempts: number,
): Promise<CommandResult<State, Error>> {
  const commandId = context.idempotencyKey ?? randomUUID();
  let guessNew = context.likelyNewStream === true;
  for (let attempt = 0; attempt < maxAttempts; ) {
    // Guessed empty once at most, and not counted as an attempt: the append's expected version ('no-stream') checks it.
    const guessed = guessNew;
    guessNew = false;
    if (!guessed) attempt += 1;
    const history = guessed ? [] : await loadStream(store, streamId);
    if (context.idempotencyKey) {
      const earlier = answerOfEarlierCommand(decider, history, context.idempotencyKey, context.requestFingerprint);
      if (earlier) return earlier;
    }
    const state = fold(decider, history);
    const decision = decider.decide(command, state);
    // Only new events are answered on a guessed history; anything else is decided on the stream as read.
    if (guessed && (!decision.ok || decision.events.length === 0)) continue;
    if (!decision.ok) return decision;
    if (decision.events.length === 0) return { ok: true, state, events: [], replayed: false };

    const metadata: EventMetadata = {
      commandId,
      ...(context.actor ? { actor: context.actor } : {}),
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(context.requestFingerprint ? { requestFingerprint: context.requestFingerprint } : {}),
    };
    const newEvents = decision.events.map((event, index) => {
      const schemaVersion = latestVersionOf(event.type);
      return {
        eventId: context.idempotencyKey ? deterministicId(streamId, context.idempotencyKey, String(index)) : randomUUID(),
        type: event.type,
        schemaVersion,
        // A decider that emits data its schema refuses is a bug: fail loudly before anything is stored.
        data: validateEvent(event.type, schemaVersion, event.data),
        metadata,
        ...(context.occurredAt ? { occurredAt: context.occurredAt } : {}),
      };
    });
    const expected = history.length === 0 ? 'no-stream' : history.at(-1)!.streamVersion;
    let appended: AppendResult;
    try {
      appended = await store.append(streamId, newEvents, expected);
    } catch (error) {
      // Another request with this key stored some of these ids first (it decided other events): decide again, and the
      // stored events answer, or refuse a different request.
      const raced = context.idempotencyKey !== undefined && error instanceof PartialDuplicateAppendError;
      if (!(error instanceof WrongExpectedVersionError) && !raced) throw error;
      // Back off a little, at random, so that writers who collided do not collide again in lockstep (a wrong guess of
      // a new stream collided with nobody: read it at once).
      if (!guessed) await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      continue;
    }
    const stored =
      !appended.alreadyStored && appended.recordedAt !== undefined
        ? [...history, ...recordedAsAppended(streamId, newEvents, appended, appended.recordedAt)]
        : await loadStream(store, streamId);
    if (appended.alreadyStored && context.idempotencyKey) {
      // Every id was stored already: a request with the same key raced this one and won. The ids follow from the key
      // alone, so the store cannot tell whether it was this request: its fingerprint, kept on the events, tells.
      const earlier = answerOfEarlierCommand(decider, stored, context.idempotencyKey, context.requestFingerprint);
      if (earlier) return earlier;
    }
    const appendedNow = stored.filter((event) => event.metadata.commandId === commandId);
    return { ok: true, state: fold(decider, stored.slice(0, stored.indexOf(appendedNow.at(-1)!) + 1)), events: appendedNow, replayed: false };
  }
  throw new ConcurrencyConflictError(streamId, maxAttempts);
}

/**
 * The events of an append as the store now holds them, without reading the stream again: the append held its expected
 * version, so the stream is the history read before plus these, at the positions and recorded time the store answered.
 * Data and times as a read would give them back (JSON, instants in UTC).
 */
function recordedAsAppended(streamId: string, events: readonly NewEvent[], appended: AppendResult, recordedAt: string): RecordedEvent[] {
  const firstVersion = appended.nextExpectedVersion - events.length + 1;
  return events.map((event, index) => ({
    position: appended.positions[index]!,
    eventId: event.eventId,
    streamId,
    streamVersion: firstVersion + index,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.parse(JSON.stringify(event.data)) as unknown,
    metadata: { ...event.metadata },
    occurredAt: event.occurredAt === undefined ? recordedAt : new Date(event.occurredAt).toISOString(),
    recordedAt,
  }));
}

function answerOfEarlierCommand<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event, unknown>, 'initialState' | 'evolve'>,
  history: readonly RecordedEvent[],
  key: string,
  fingerprint: string | undefined,
): CommandResult<State, never> | undefined {
  const lastIndex = history.findLastIndex((event) => event.metadata.commandId === key);
  if (lastIndex === -1) return undefined;
  const events = history.filter((event) => event.metadata.commandId === key);
  const earlierFingerprint = events[0]!.metadata.requestFingerprint;
  if (fingerprint && earlierFingerprint && fingerprint !== earlierFingerprint) throw new IdempotencyKeyReusedError(key);
  return { ok: true, state: fold(decider, history.slice(0, lastIndex + 1)), events, replayed: true };
}
