import { type RecordedEvent, toCloudEvent } from '@ledger/events';
import { cloudEventLeafHash } from '../leaf/encoding.ts';
import type { Hash } from '../merkle/hash.ts';

/** The leaf hash of a stored event: its CloudEvents form exactly as the ledger feed shows it. */
export function recordedEventLeafHash(event: RecordedEvent): Hash {
  return cloudEventLeafHash(toCloudEvent(event));
}
