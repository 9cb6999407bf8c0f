import { AppealDecided, FindingRecorded, type RecordedEvent } from '@ledger/events';
import type { Decider, DomainError, DomainEvent } from '@ledger/decider';
import { type CommandContext, type EventStore, executeCommand } from '@ledger/eventstore';
import type { RegistryLookup } from '@ledger/registry';
import type { LedgerCalendar } from '@ledger/calendar';
import { type Consumer, PoisonMessageError } from '@ledger/messaging';
import { type AppealDecidedEvent, type FindingRecordedEvent, complaintFacts, countDepartmentFaultDecider, countFindingDecider } from '../domain/index.ts';
import { loadSanctionPolicies } from '../policies.ts';
import { accountabilityStream, personLadderStream } from '../streams.ts';

export interface FindingCounterDeps {
  store: EventStore;
  registry: RegistryLookup;
  /** The ledger's local calendar (SPEC "Local time"). */
  calendar: LedgerCalendar;
}

export const findingCounterName = 'discipline.finding-counter';

const schemas = { FindingRecorded: FindingRecorded.schema, AppealDecided: AppealDecided.schema };

/**
 * Turns findings and appeal decisions into counting commands on the persons' ladders and the departments'
 * accountability streams (SPEC 4, 5). Idempotent by source event: every command carries the key
 * `event:<source event id>:<person|department>:<id>`, so a redelivered event is answered from the stream
 * (and the deciders ignore a source event they already counted, or an older revision of the complaint).
 */
export function findingCounter(deps: FindingCounterDeps): Consumer {
  return {
    name: findingCounterName,
    services: ['complaints'],
    eventTypes: ['FindingRecorded', 'AppealDecided'],
    async handle(event) {
      if (event.type !== 'FindingRecorded' && event.type !== 'AppealDecided') return;
      const parsed = schemas[event.type].safeParse(event.data);
      if (!parsed.success) {
        throw new PoisonMessageError(`${event.type} ${event.eventId} does not fit its schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      }
      const facts = complaintFacts({ type: event.type, data: parsed.data } as FindingRecordedEvent | AppealDecidedEvent, event);
      const policies = facts.people.length > 0 ? await loadSanctionPolicies(deps.store) : [];
      for (const person of facts.people) {
        await run(deps.store, event, personLadderStream(person.personId), countFindingDecider, { ...person, policies, calendar: deps.calendar }, `person:${person.personId}`);
      }
      for (const department of facts.departments) {
        const leaders = await leadersOf(deps.registry, [department.departmentId, ...department.departmentsAtFault]);
        await run(deps.store, event, accountabilityStream(department.departmentId), countDepartmentFaultDecider, { ...department, leaders, calendar: deps.calendar }, `department:${department.departmentId}`);
      }
    },
  };
}

async function run<Command extends { foundAt: string }, State, Event extends DomainEvent>(
  store: EventStore,
  source: RecordedEvent,
  streamId: string,
  decider: Decider<Command, State, Event, DomainError>,
  command: Command,
  target: string,
): Promise<void> {
  const context: CommandContext = {
    idempotencyKey: `event:${source.eventId}:${target}`,
    actor: 'service:discipline',
    causationId: source.eventId,
    ...(source.metadata.correlationId ? { correlationId: source.metadata.correlationId } : {}),
    occurredAt: command.foundAt,
  };
  const result = await executeCommand(store, streamId, decider, command, context);
  // A refusal depends only on the event (a time that is no instant, a person id on another's stream): it never succeeds.
  if (!result.ok) throw new PoisonMessageError(`${source.type} ${source.eventId} refused for ${streamId}: ${result.error.code}: ${result.error.message}`);
}

/** Leaders of the departments, from the registry as it stands when the finding is counted. */
async function leadersOf(registry: RegistryLookup, departmentIds: readonly string[]): Promise<Record<string, string>> {
  const leaders: Record<string, string> = {};
  for (const departmentId of new Set(departmentIds)) {
    const leader = (await registry.department(departmentId))?.leaderPersonId;
    if (leader !== undefined) leaders[departmentId] = leader;
  }
  return leaders;
}
