// Group commit, the one batching helper of the ledger: the event store's appends, the vault's key statements and the
// read store's document reads all go through it.
export { groupCommit, type GroupCommit, type GroupCommitOptions, type Settled } from './group-commit.ts';
