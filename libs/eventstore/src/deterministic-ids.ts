import { v5 as uuidv5 } from 'uuid';

/** Namespace of every id the ledger derives by name (UUID v5), fixed forever: changing it changes every id. */
const ledgerNamespace = '6f1b0c1e-52a4-4d4e-9a55-3d4a9c1f7e10';

/**
 * The same name always gives the same UUID. Events appended for a command with an idempotency key, or for a
 * consumed event, get ids derived this way, so a retried or redelivered append is a no-op in the store.
 */
export function deterministicId(...parts: readonly string[]): string {
  return uuidv5(parts.join('\u001f'), ledgerNamespace);
}
