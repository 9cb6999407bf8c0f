export const usage = `ledger <command> [options]: the auditor's tools (SPEC 7)

Commands
  replay       rebuild every read model from the first event into a fresh store
                 --compare             report every difference from the live read models (exit 1 if any)
                 --as-of <instant>     rebuild the ledger as it stood then (events recorded up to the instant)
                 --out <file>          write the rebuilt documents, one JSON line each ({collection, id, document})
                 --ignore-field <f>    leave a field out of the comparison (repeatable; none by default)
                 --at-head             compare at the ledger's head, not where each live consumer stands
                                       (for consumers that keep their positions elsewhere, e.g. Kafka)
  verify       recompute the Merkle tree from the feed, check the signed checkpoint, its consistency with an
               earlier one, and name the first bad event (exit 1 on any failure)
                 --verifier-key <key|file>     the pinned verifier key (required)
                 --checkpoint <file>           the checkpoint to check (default: the ledger's latest)
                 --previous-checkpoint <file>  a checkpoint kept from an earlier audit
                 --feed <file>                 the feed from a file (JSON lines of CloudEvents, a JSON array, or feed pages)
                 --json-feed                   over --url, read the JSON feed instead of the text feed (leaf lines)
                 --origin <origin>             refuse checkpoints of any other log
                 --no-chain                    skip the stored chain: by default every checkpoint the ledger kept
                                               (its database, or GET /v1/ledger/checkpoints over --url) must be a
                                               prefix of the one verified
  checkpoint   bring the Merkle log level with the ledger and sign a checkpoint; prints the signed note
                 --signing-key-file <file>     the signer key (database mode; default LEDGER_SIGNING_KEY,
                                               else <data dir>/ledger-signing.key)
                 --origin <origin>             default LEDGER_LOG_ORIGIN, else accountability-ledger
  help         this text

Where the ledger is (one of)
  --data-dir <dir>       a stopped embedded ledger (default LEDGER_DATA_DIR, else ./data)
  --postgres-url <url>   a ledger on PostgreSQL
  --url <base url>       a running ledger over HTTP, with --api-key <key> or LEDGER_API_KEY (an auditor's key);
                         replay then runs inside the ledger (POST /v1/ledger/replays), without a progress bar

Common options
  --json                 print the result as JSON
  --no-progress          no progress bar

Exit codes: 0 success, 1 verification failed, read models differ or a checkpoint was refused (the log does not
extend the latest signed checkpoint), 2 the command could not run.
`;
