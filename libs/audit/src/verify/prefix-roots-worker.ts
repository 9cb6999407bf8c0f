// The tree worker (see prefix-roots-on-worker.ts): builds the Merkle tree of the leaf digests the verifying thread
// hashes, and answers the roots it is asked for. Messages are answered in the order they came.
import { parentPort } from 'node:worker_threads';
import { PrefixRoots } from './prefix-roots.ts';
import type { TreeReply, TreeRequest } from './prefix-roots-on-worker.ts';

const port = parentPort;
if (!port) throw new Error('prefix-roots-worker.ts runs as a worker thread (new Worker), not as a script');
const prefixes = new PrefixRoots();
port.on('message', (request: TreeRequest) => {
  let reply: TreeReply;
  if (typeof request === 'string') {
    prefixes.appendLeafDigests(request);
    reply = { appended: prefixes.size };
  } else {
    // A size out of range throws here, which ends the worker: its error is what rootAt rejects with.
    reply = { root: prefixes.rootAt(request.rootAt) };
  }
  port.postMessage(reply);
});
