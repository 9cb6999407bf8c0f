/** Metadata the ledger keeps beside every event: who caused it and why, never business data. */
export interface EventMetadata {
  /** Idempotency key or generated id of the command that produced the event. */
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** The authenticated caller, as `role:id`, or the service that decided the event. */
  actor?: string;
  /** Digest of the request behind an idempotency key: the same key with another request is refused. */
  requestFingerprint?: string;
  /**
   * W3C trace context of the span that appended the event, when tracing is on (issue 14.3), so that whatever the
   * event causes joins its trace. Kept beside the event, never in its data nor in the CloudEvent the Merkle log
   * hashes; on Kafka it is the CloudEvents distributed-tracing extension (`ce_traceparent`, `ce_tracestate`).
   */
  traceparent?: string;
  tracestate?: string;
}

/** An event to append: ids are chosen by the writer so that a retried append is a no-op. */
export interface NewEvent<Data = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata?: EventMetadata;
  /** Business time: when it happened in the world (defaults to the recording time). */
  occurredAt?: string;
}

/** An event as stored: the store sets `position`, `streamVersion` and `recordedAt`. */
export interface RecordedEvent<Data = unknown> {
  /** Global order across all streams: strictly increasing, may have gaps, never filled in later. */
  position: number;
  eventId: string;
  streamId: string;
  /** 0-based revision of the event within its stream. */
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredAt: string;
  /** Ledger time, set by the store; as-of queries use it. */
  recordedAt: string;
}
