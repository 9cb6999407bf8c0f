// Merkle tree hashing, proofs and their verification (RFC 9162).
export { type Hash, hashSize, leafHash, nodeHash, emptyRoot, hashesEqual } from './merkle/hash.ts';
export { ProofRequestError } from './merkle/errors.ts';
export type { NodeId } from './merkle/node-id.ts';
export { CompactRange, type CompletedNode } from './merkle/compact-range.ts';
export { rootOf, rootAt, inclusionProof, consistencyProof } from './merkle/tree.ts';
export { type Verdict, verifyInclusion, verifyConsistency } from './merkle/verify.ts';
export {
  type InclusionProof,
  type ConsistencyProof,
  type InclusionProofJson,
  type ConsistencyProofJson,
  inclusionProofJsonSchema,
  consistencyProofJsonSchema,
  inclusionProofToJson,
  inclusionProofFromJson,
  consistencyProofToJson,
  consistencyProofFromJson,
  ProofFormatError,
} from './merkle/proof-json.ts';
export { toBase64, fromBase64Strict, toHex, fromHex } from './encoding/base64.ts';

// Leaf encoding: the canonical JSON of a feed event.
export { leafBytes, leafText, leafLinesOf, cloudEventLeafHash, LeafEncodingError } from './leaf/encoding.ts';

// Signed notes and checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint).
export { NoteError, type NoteErrorCode } from './note/errors.ts';
export {
  type NoteSigner,
  type NoteVerifier,
  generateNoteKey,
  parseSignerKey,
  parseVerifierKey,
  keyIdOf,
  isValidKeyName,
} from './note/keys.ts';
export { type NoteSignature, type OpenedNote, signNote, openNote } from './note/signed-note.ts';
export { type Checkpoint, formatCheckpoint, parseCheckpoint, signCheckpoint, openCheckpoint } from './note/checkpoint.ts';

// The persistent log over SQL.
export { SqlMerkleLog, type AppendOutcome, type StoredCheckpoint } from './log/sql-merkle-log.ts';
export { migrateMerkleLog } from './log/schema.ts';
export { LeafConflictError, LogGapError, UnknownPositionError } from './log/errors.ts';
export { recordedEventLeafHash } from './log/event-leaves.ts';
export { catchUpWithStore } from './log/catch-up.ts';

// The auditor's independent check.
export {
  verifyLedger,
  treeWorkerFromLeaves,
  type LedgerVerificationInput,
  type LedgerVerification,
  type LedgerVerificationFailure,
  type ConsistencyProofSource,
} from './verify/verify-ledger.ts';
export { PrefixRoots } from './verify/prefix-roots.ts';

// Keeping the log level with the event store, and signing it.
export { CheckpointChainError, MerkleLogKeeper, type MerkleLogKeeperOptions, type KeeperSchedule } from './log/keeper.ts';

// Where an audit reads a ledger from: its HTTP API or its database.
export { type LedgerSource, type HttpLedgerOptions, LedgerSourceError, httpLedger, storedLedger } from './verify/ledger-sources.ts';
export { type TextFeed, type TextFeedPage, textFeedOver } from './verify/text-feed-client.ts';

// Replay: rebuild every read model from the events, as of an instant, and compare with the live ones.
export {
  replayReadModels,
  ReplayRequestError,
  type ReplayRequest,
  type ReplayReport,
  type ReplayedReadModel,
  type ReplayComparison,
  type LivePositions,
} from './replay/replay-read-models.ts';
export { Replayer, type ReplayProgress, type ReplayDeadLetter } from './replay/replayer.ts';
export { compareReadModels, type ReadModelDifference } from './replay/compare.ts';
export { diffDocuments, type FieldDifference } from './replay/document-diff.ts';
export { documentsOf } from './replay/documents.ts';
export { type ReplayTarget, inMemoryReplayTarget } from './replay/replay-target.ts';

// The module every deployment hosts: feed, schemas, checkpoints, proofs, replays.
export { auditModule, type AuditModuleOptions } from './module/audit-module.ts';
export { feedRoutes, schemaRoutes } from './http/feed-routes.ts';

// Progress of long runs on a terminal (the CLI and the benchmarks).
export { type ProgressBar, type ProgressBarOptions, progressBar } from './progress/progress-bar.ts';
