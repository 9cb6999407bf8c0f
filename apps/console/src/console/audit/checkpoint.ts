/**
 * A C2SP tlog-checkpoint signed note as the ledger serves it (docs/verification.md section 4): the origin, the
 * tree size, the base64 root hash, a blank line, then one line per signature (`— <key name> <base64>`). Read here
 * to show it, not to verify it: a verification needs a key the auditor keeps, not one from the same ledger.
 */
export interface CheckpointView {
  origin: string;
  size: number;
  root: string;
  signatures: Array<{ name: string; signature: string }>;
  text: string;
}

export function parseCheckpoint(text: string): CheckpointView | undefined {
  const [body = '', signed = ''] = text.split('\n\n');
  const [origin, size, root] = body.split('\n');
  if (!origin || !size || !/^\d+$/.test(size) || !root) return undefined;
  const signatures = signed
    .split('\n')
    .map((line) => /^\u2014 (\S+) (\S+)$/.exec(line))
    .flatMap((match) => (match ? [{ name: match[1]!, signature: match[2]! }] : []));
  return { origin, size: Number(size), root, signatures, text };
}
