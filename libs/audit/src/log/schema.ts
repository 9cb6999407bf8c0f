import type { SqlQueryable } from '@ledger/sql';

/**
 * The Merkle log's tables. Rows are only inserted, never updated or deleted.
 *
 * `merkle_nodes` holds every complete subtree hash (level 0 = the leaf hashes), keyed by
 * (level, index): fewer than 2n rows for n leaves, and a node never changes once written. Any
 * root or proof at any size is then the fold of at most 2·log2(n) stored nodes, fetched in one
 * indexed query, so proofs stay fast at millions of leaves and no hash is recomputed from leaves.
 * Tiles (storing only every 8th level) would halve the storage but cost a 256-row read per proof
 * node; at 32-byte hashes the simpler scheme wins until billions of leaves.
 *
 * `merkle_leaf_positions` maps a leaf to the global event position it was built from, so that the
 * log can resume from the event store where it stopped.
 *
 * `merkle_checkpoints` keeps every signed checkpoint ever issued.
 */
export async function migrateMerkleLog(sql: SqlQueryable): Promise<void> {
  await sql.query(`
    create table if not exists merkle_nodes (
      level  smallint not null,
      idx    bigint   not null,
      hash   bytea    not null,
      primary key (level, idx)
    )`);
  await sql.query(`
    create table if not exists merkle_leaf_positions (
      idx       bigint primary key,
      position  bigint not null unique
    )`);
  await sql.query(`
    create table if not exists merkle_checkpoints (
      id         bigserial primary key,
      tree_size  bigint      not null,
      root       bytea       not null,
      note       text        not null,
      issued_at  timestamptz not null
    )`);
}

/** Appends take this transaction-scoped advisory lock, so concurrent appenders run one at a time. */
export const merkleAppendLockKey = 0x3e4c1e;
