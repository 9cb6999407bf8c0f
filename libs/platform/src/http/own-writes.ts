import type { FastifyRequest } from 'fastify';
import type { HttpApp } from './app.ts';

/** The last global position each request's commands appended (or were answered with, for a repeat). */
const appendedThrough = new WeakMap<FastifyRequest, number>();

/** Notes the events a request's command stands on: its answer waits until the host's consumers have handled them. */
export function noteAppended(request: FastifyRequest, events: ReadonlyArray<{ position: number }>): void {
  const last = events.at(-1)?.position;
  if (last !== undefined && last > (appendedThrough.get(request) ?? 0)) appendedThrough.set(request, last);
}

/**
 * Read your own writes: the answer of a request that ran commands is sent only once `visible` says the host's read
 * models and processors have handled the events they appended (ServiceContext.ownWritesVisible). Every way a route
 * answers goes through `onSend`, so no route has to remember it; a request that appended nothing is not held.
 */
export function answerAfterOwnWrites(app: HttpApp, visible: (position: number) => Promise<void>): void {
  app.addHook('onSend', async (request) => {
    const position = appendedThrough.get(request);
    if (position !== undefined) await visible(position);
  });
}
