/** One field where two versions of a read-model document disagree; a side that lacks the field has no value. */
export interface FieldDifference {
  /** Dotted path from the document root, arrays by index: `state.finding.personId`, `investigators[1]`. */
  path: string;
  live?: unknown;
  replayed?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const childPath = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * Every leaf-level difference between two JSON documents, in a stable order. Fields named in
 * `ignore` (a top-level name or a full dotted path) are left out. Key order never matters; a field
 * present on one side only is a difference even when its value is null.
 */
export function diffDocuments(live: unknown, replayed: unknown, ignore: ReadonlySet<string> = new Set()): FieldDifference[] {
  const differences: FieldDifference[] = [];
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const itemPath = `${path}[${i}]`;
        if (i >= a.length) differences.push({ path: itemPath, replayed: b[i] });
        else if (i >= b.length) differences.push({ path: itemPath, live: a[i] });
        else walk(itemPath, a[i], b[i]);
      }
      return;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].toSorted();
      for (const key of keys) {
        const keyPath = childPath(path, key);
        if (ignore.has(keyPath) || (path === '' && ignore.has(key))) continue;
        if (!Object.hasOwn(b, key)) differences.push({ path: keyPath, live: a[key] });
        else if (!Object.hasOwn(a, key)) differences.push({ path: keyPath, replayed: b[key] });
        else walk(keyPath, a[key], b[key]);
      }
      return;
    }
    if (!Object.is(a, b)) differences.push({ path: path === '' ? '(document)' : path, live: a, replayed: b });
  };
  walk('', live, replayed);
  return differences;
}
