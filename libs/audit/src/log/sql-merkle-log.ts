import type { RecordedEvent } from '@ledger/events';
import type { SqlClient, SqlQueryable } from '@ledger/sql';
import { fromHex, toHex } from '../encoding/base64.ts';
import { assembleProof, foldNodes } from '../merkle/assemble.ts';
import { CompactRange } from '../merkle/compact-range.ts';
import { ProofRequestError, requireTreeSize } from '../merkle/errors.ts';
import type { Hash } from '../merkle/hash.ts';
import { type NodeId, nodeKey } from '../merkle/node-id.ts';
import { type ProofPlan, consistencyPlan, inclusionPlan, nodesOfPlan, rootPlan } from '../merkle/plans.ts';
import type { ConsistencyProof, InclusionProof } from '../merkle/proof-json.ts';
import { signCheckpoint } from '../note/checkpoint.ts';
import type { NoteSigner } from '../note/keys.ts';
import { LeafConflictError, LogGapError, UnknownPositionError } from './errors.ts';
import { recordedEventLeafHash } from './event-leaves.ts';
import { merkleAppendLockKey, migrateMerkleLog } from './schema.ts';

export interface AppendOutcome {
  /** Leaves in the log after the append. */
  size: number;
  /** Leaves this call added; 0 when every leaf was already stored (a repeated append). */
  appended: number;
}

export interface StoredCheckpoint {
  id: number;
  size: number;
  root: Hash;
  /** The signed note, exactly as served at GET /v1/ledger/checkpoint. */
  note: string;
  issuedAt: string;
}

interface CheckpointRow {
  id: number;
  tree_size: number;
  root: string;
  note: string;
  issued_at: Date | string;
}

/** Rows per insert statement: keeps parameter arrays modest when a big backlog is indexed. */
const insertChunk = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toStoredCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    id: Number(row.id),
    size: Number(row.tree_size),
    root: fromHex(row.root)!,
    note: row.note,
    issuedAt: new Date(row.issued_at).toISOString(),
  };
}

/**
 * The tamper-evident log over SQL: the same statements on PostgreSQL and PGlite. Appends are
 * idempotent by leaf index; roots and proofs at any size up to the current one come from stored
 * subtree hashes (see schema.ts).
 */
export class SqlMerkleLog {
  private readonly sql: SqlClient;

  private constructor(sql: SqlClient) {
    this.sql = sql;
  }

  static async open(sql: SqlClient): Promise<SqlMerkleLog> {
    await migrateMerkleLog(sql);
    return new SqlMerkleLog(sql);
  }

  async size(): Promise<number> {
    return sizeOf(this.sql);
  }

  /**
   * Appends leaves `firstIndex, firstIndex + 1, …`. Leaves already stored must carry the same
   * hash (then they are skipped), so a retried or concurrent append is harmless; a different hash
   * is a `LeafConflictError`, a start beyond the end a `LogGapError`, and either changes nothing.
   */
  async append(firstIndex: number, leafHashes: readonly Hash[]): Promise<AppendOutcome> {
    requireTreeSize('firstIndex', firstIndex);
    return this.sql.transaction((tx) => appendLeaves(tx, firstIndex, leafHashes));
  }

  /** Appends the leaves of stored events (in global order) and remembers their positions. */
  async appendEvents(firstIndex: number, events: readonly RecordedEvent[]): Promise<AppendOutcome> {
    requireTreeSize('firstIndex', firstIndex);
    const hashes = events.map(recordedEventLeafHash);
    return this.sql.transaction(async (tx) => {
      const outcome = await appendLeaves(tx, firstIndex, hashes);
      for (const part of chunks(
        events.map((event, i) => [firstIndex + i, event.position] as const),
        insertChunk,
      )) {
        await tx.query(
          `insert into merkle_leaf_positions (idx, position)
           select i, p from unnest($1::bigint[], $2::bigint[]) as t(i, p)
           on conflict (idx) do nothing`,
          [part.map(([index]) => index), part.map(([, position]) => position)],
        );
      }
      return outcome;
    });
  }

  /**
   * Where to resume indexing the event store: the log size and the global position of the event
   * behind its last leaf (0 for an empty log; positions start at 1), read in one statement so
   * that the two agree even while another process appends.
   */
  async resumePoint(): Promise<{ size: number; lastPosition: number }> {
    const { rows } = await this.sql.query<{ size: number; position: number | null }>(
      `select s.size, p.position
       from (select coalesce(max(idx) + 1, 0)::bigint as size from merkle_nodes where level = 0) s
       left join merkle_leaf_positions p on p.idx = s.size - 1`,
    );
    const size = Number(rows[0]!.size);
    const position = rows[0]!.position;
    if (size === 0) return { size, lastPosition: 0 };
    if (position === null) throw new UnknownPositionError(size - 1);
    return { size, lastPosition: Number(position) };
  }

  /** MTH of the first `size` leaves (default: all of them). */
  async root(size?: number): Promise<Hash> {
    const treeSize = size ?? (await this.size());
    await this.requireWithinLog('size', treeSize);
    const nodes = rootPlan(treeSize);
    const found = await fetchNodes(this.sql, nodes);
    return foldNodes(nodes, (node) => found.get(nodeKey(node))!);
  }

  async inclusionProof(index: number, size: number): Promise<InclusionProof> {
    await this.requireWithinLog('size', size);
    const plan = inclusionPlan(index, size);
    return { index, size, hashes: await this.assemble(plan) };
  }

  async consistencyProof(from: number, to: number): Promise<ConsistencyProof> {
    await this.requireWithinLog('to', to);
    const plan = consistencyPlan(from, to);
    return { from, to, hashes: await this.assemble(plan) };
  }

  /**
   * Signs a checkpoint of the log as it is now and keeps it. Every checkpoint is consistent with
   * the earlier ones because stored nodes never change.
   */
  async issueCheckpoint(signer: NoteSigner, options: { origin?: string; issuedAt?: string } = {}): Promise<StoredCheckpoint> {
    const size = await this.size();
    const root = await this.root(size);
    const note = signCheckpoint({ origin: options.origin ?? signer.name, size, root }, signer);
    const { rows } = await this.sql.query<CheckpointRow>(
      `insert into merkle_checkpoints (tree_size, root, note, issued_at) values ($1, decode($2, 'hex'), $3, $4)
       returning id, tree_size, encode(root, 'hex') as root, note, issued_at`,
      [size, toHex(root), note, options.issuedAt ?? new Date().toISOString()],
    );
    return toStoredCheckpoint(rows[0]!);
  }

  /** The checkpoint of the largest tree signed so far (the latest issued among equals). */
  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.sql.query<CheckpointRow>(
      `select id, tree_size, encode(root, 'hex') as root, note, issued_at from merkle_checkpoints
       order by tree_size desc, id desc limit 1`,
    );
    return rows[0] ? toStoredCheckpoint(rows[0]) : undefined;
  }

  /** The checkpoints issued after the one of id `after` (0: from the first), oldest first: one page of the chain. */
  async checkpointsAfter(after: number, limit: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.sql.query<CheckpointRow>(
      `select id, tree_size, encode(root, 'hex') as root, note, issued_at from merkle_checkpoints where id > $1 order by id limit $2`,
      [after, limit],
    );
    return rows.map(toStoredCheckpoint);
  }

  /** Every checkpoint ever issued, oldest first. */
  async checkpoints(): Promise<StoredCheckpoint[]> {
    const { rows } = await this.sql.query<CheckpointRow>(
      `select id, tree_size, encode(root, 'hex') as root, note, issued_at from merkle_checkpoints order by id`,
    );
    return rows.map(toStoredCheckpoint);
  }

  private async requireWithinLog(field: string, size: number): Promise<void> {
    requireTreeSize(field, size);
    const current = await this.size();
    if (size > current) throw new ProofRequestError(field, `must not exceed the log size ${current}, got ${size}`);
  }

  private async assemble(plan: ProofPlan): Promise<Hash[]> {
    const found = await fetchNodes(this.sql, nodesOfPlan(plan));
    return assembleProof(plan, (node) => found.get(nodeKey(node))!);
  }
}

async function sizeOf(sql: SqlQueryable): Promise<number> {
  const { rows } = await sql.query<{ size: number }>('select coalesce(max(idx) + 1, 0)::bigint as size from merkle_nodes where level = 0');
  return Number(rows[0]!.size);
}

/** Looks up stored nodes in one query; a missing node means the storage is damaged. */
async function fetchNodes(sql: SqlQueryable, nodes: readonly NodeId[]): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  if (nodes.length === 0) return found;
  const { rows } = await sql.query<{ level: number; idx: number; hash: string }>(
    `select n.level, n.idx, encode(n.hash, 'hex') as hash
     from unnest($1::smallint[], $2::bigint[]) as want(level, idx)
     join merkle_nodes n on n.level = want.level and n.idx = want.idx`,
    [nodes.map((node) => node.level), nodes.map((node) => node.index)],
  );
  for (const row of rows) found.set(nodeKey({ level: Number(row.level), index: Number(row.idx) }), fromHex(row.hash)!);
  const missing = nodes.find((node) => !found.has(nodeKey(node)));
  if (missing) throw new Error(`merkle log storage lacks node level ${missing.level} index ${missing.index}`);
  return found;
}

async function appendLeaves(tx: SqlQueryable, firstIndex: number, leafHashes: readonly Hash[]): Promise<AppendOutcome> {
  await tx.query('select pg_advisory_xact_lock($1)', [merkleAppendLockKey]);
  const size = await sizeOf(tx);
  if (firstIndex > size) throw new LogGapError(firstIndex, size);

  const overlapEnd = Math.min(size, firstIndex + leafHashes.length);
  if (overlapEnd > firstIndex) {
    const { rows } = await tx.query<{ idx: number; hash: string }>(
      `select idx, encode(hash, 'hex') as hash from merkle_nodes where level = 0 and idx >= $1 and idx < $2`,
      [firstIndex, overlapEnd],
    );
    const stored = new Map(rows.map((row) => [Number(row.idx), row.hash]));
    for (let index = firstIndex; index < overlapEnd; index++) {
      if (stored.get(index) !== toHex(leafHashes[index - firstIndex]!)) throw new LeafConflictError(index);
    }
  }

  const fresh = leafHashes.slice(size - firstIndex);
  if (fresh.length === 0) return { size, appended: 0 };

  const edge = rootPlan(size);
  const edgeHashes = await fetchNodes(tx, edge);
  const range = CompactRange.resume(
    size,
    edge.map((node) => edgeHashes.get(nodeKey(node))!),
  );
  const completed: { level: number; index: number; hash: string }[] = [];
  for (const leaf of fresh) range.append(leaf, (node, hash) => completed.push({ ...node, hash: toHex(hash) }));

  for (const part of chunks(completed, insertChunk)) {
    await tx.query(
      `insert into merkle_nodes (level, idx, hash)
       select l, i, decode(h, 'hex') from unnest($1::smallint[], $2::bigint[], $3::text[]) as t(l, i, h)`,
      [part.map((node) => node.level), part.map((node) => node.index), part.map((node) => node.hash)],
    );
  }
  return { size: range.size, appended: fresh.length };
}
