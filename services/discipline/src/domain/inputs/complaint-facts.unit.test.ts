import { describe, expect, it } from 'vitest';
import { type AppealDecidedEvent, complaintFacts, type FindingRecordedEvent } from './complaint-facts.ts';

const facts = { complaintId: 'c-1', receivedAt: '2026-02-01T00:00:00.000Z', respondentDepartmentId: 'd-a' };
const source = { eventId: 'evt-7', streamVersion: 4 };

describe('complaint events as counting commands', () => {
  it('counts a first finding for its person and each department at fault', () => {
    const event: FindingRecordedEvent = {
      type: 'FindingRecorded',
      data: { ...facts, outcome: 'valid', personId: 'p-1', departmentsAtFault: ['d-b', 'd-a'], at: '2026-02-10T00:00:00.000Z' },
    };
    const common = { complaintId: 'c-1', receivedAt: facts.receivedAt, foundAt: '2026-02-10T00:00:00.000Z', sourceEventId: 'evt-7', complaintRevision: 4, change: 'finding' };
    expect(complaintFacts(event, source)).toEqual({
      people: [{ ...common, personId: 'p-1', outcome: 'valid' }],
      departments: [
        { ...common, departmentId: 'd-a', departmentsAtFault: ['d-a', 'd-b'], outcome: 'valid' },
        { ...common, departmentId: 'd-b', departmentsAtFault: ['d-a', 'd-b'], outcome: 'valid' },
      ],
    });
  });

  it('withdraws a redo finding from the person and departments it no longer names', () => {
    const event: FindingRecordedEvent = {
      type: 'FindingRecorded',
      data: {
        ...facts,
        outcome: 'valid',
        personId: 'p-2',
        departmentsAtFault: ['d-c'],
        replacesFinding: { outcome: 'valid', personId: 'p-1', departmentsAtFault: ['d-a'] },
        at: '2026-03-10T00:00:00.000Z',
      },
    };
    const result = complaintFacts(event, source);
    expect(result.people.map((fact) => [fact.personId, fact.outcome, fact.change])).toEqual([
      ['p-2', 'valid', 'redo-finding'],
      ['p-1', 'withdrawn', 'redo-finding'],
    ]);
    expect(result.departments.map((fact) => [fact.departmentId, fact.outcome, fact.departmentsAtFault])).toEqual([
      ['d-a', 'withdrawn', ['d-c']],
      ['d-c', 'valid', ['d-c']],
    ]);
  });

  it('counts an overturned appeal with the new outcome, at the decision time', () => {
    const event: AppealDecidedEvent = {
      type: 'AppealDecided',
      data: {
        ...facts,
        decision: 'overturned',
        finding: { outcome: 'invalid', personId: 'p-1', departmentsAtFault: ['d-a'] },
        previousFinding: { outcome: 'valid', personId: 'p-1', departmentsAtFault: ['d-a'] },
        at: '2026-05-01T00:00:00.000Z',
      },
    };
    const result = complaintFacts(event, source);
    expect(result.people).toEqual([expect.objectContaining({ personId: 'p-1', outcome: 'invalid', foundAt: '2026-05-01T00:00:00.000Z', change: 'appeal-overturned' })]);
    expect(result.departments).toEqual([expect.objectContaining({ departmentId: 'd-a', outcome: 'invalid' })]);
  });

  it('implies nothing for an upheld appeal', () => {
    const event: AppealDecidedEvent = {
      type: 'AppealDecided',
      data: {
        ...facts,
        decision: 'upheld',
        finding: { outcome: 'valid', personId: 'p-1', departmentsAtFault: [] },
        previousFinding: { outcome: 'valid', personId: 'p-1', departmentsAtFault: [] },
        at: '2026-05-01T00:00:00.000Z',
      },
    };
    expect(complaintFacts(event, source)).toEqual({ people: [], departments: [] });
  });
});
