/**
 * Filters and sorts name one top-level field. Both adapters accept only plain identifiers there, so that a
 * field name never becomes SQL text or a MongoDB path ("a.b" would reach into a sub-document on MongoDB
 * and be a key with a dot on PostgreSQL).
 */
const fieldName = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function checkedField(field: string): string {
  if (!fieldName.test(field)) throw new Error(`read store: unsupported field name ${JSON.stringify(field)}`);
  return field;
}
