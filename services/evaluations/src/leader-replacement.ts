import { fold } from '@ledger/decider';
import { BottomRankCarriedOut } from '@ledger/events';
import { type EventStore, executeCommand, loadStream } from '@ledger/eventstore';
import { type Consumer, PoisonMessageError } from '@ledger/messaging';
import { departmentDecider, departmentStream } from './domain/registry.ts';

/**
 * SPEC 6: when a leader replacement is carried out, the registry follows: the department's leader becomes the
 * new leader. Idempotent by source event; a department already led by the new leader records nothing.
 */
export function leaderReplacementFollower(deps: { store: EventStore }): Consumer {
  return {
    name: 'evaluations.leader-replacement',
    services: ['discipline'],
    eventTypes: ['BottomRankCarriedOut'],
    async handle(event) {
      const parsed = BottomRankCarriedOut.schema.safeParse(event.data);
      if (!parsed.success) throw new PoisonMessageError(`${event.type} ${event.eventId} does not fit its schema: ${parsed.error.message}`);
      const carried = parsed.data;
      if (carried.outcome !== 'leader-replacement' || carried.newLeaderPersonId === undefined) return;
      const streamId = departmentStream(carried.departmentId);
      const department = fold(departmentDecider, await loadStream(deps.store, streamId));
      if (!department) throw new PoisonMessageError(`${event.type} ${event.eventId}: department ${carried.departmentId} is not registered`);
      const result = await executeCommand(
        deps.store,
        streamId,
        departmentDecider,
        {
          departmentId: department.departmentId,
          name: department.name,
          category: department.category,
          leaderPersonId: carried.newLeaderPersonId,
          leaderIsRegistered: true,
          at: carried.at,
        },
        { idempotencyKey: `event:${event.eventId}`, actor: 'service:evaluations', causationId: event.eventId },
      );
      if (!result.ok) throw new PoisonMessageError(`${event.type} ${event.eventId} refused for ${streamId}: ${result.error.code}: ${result.error.message}`);
    },
  };
}
