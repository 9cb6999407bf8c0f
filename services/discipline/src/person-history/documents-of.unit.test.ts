import { readsLeftOutOfDocumentsOf, recordedAs } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { complaintStreamPrefix } from '../streams.ts';
import { complaintTracksCollection, personHistoriesCollection, personHistoryProjection } from './projection.ts';

const receivedAt = '2026-03-02T09:00:00+08:00';
const complaint = `${complaintStreamPrefix}c-1`;

describe('the documents the person history says an event touches', () => {
  it('names the track and the person a filing or a finding names; the people of an earlier finding are read as the event is applied', async () => {
    const events = [
      recordedAs('person-wang', 0, { type: 'PersonRegistered', data: { personId: 'person-wang', name: 'Wang', departmentId: 'dept-permits', at: receivedAt } }),
      recordedAs(complaint, 0, {
        type: 'ComplaintFiled',
        data: { complaintId: 'c-1', trackingCodeDigest: 'hmac-sha256:aa', channel: 'web', departmentId: 'dept-permits', category: 'delay', summary: 'Slow', receivedAt, personId: 'person-wang' },
      }),
      recordedAs(complaint, 1, {
        type: 'FindingRecorded',
        data: { complaintId: 'c-1', receivedAt, respondentDepartmentId: 'dept-permits', outcome: 'valid', personId: 'person-li', departmentsAtFault: [], at: receivedAt },
      }),
      recordedAs(complaint, 2, { type: 'ComplaintClosed', data: { complaintId: 'c-1', at: receivedAt } }),
    ];
    expect(await readsLeftOutOfDocumentsOf(personHistoryProjection, events)).toEqual([
      [],
      [],
      // Wang, named at filing, is still on the complaint: the finding names Li only.
      [{ collection: personHistoriesCollection, id: 'person-wang' }],
      [
        { collection: personHistoriesCollection, id: 'person-wang' },
        { collection: personHistoriesCollection, id: 'person-li' },
      ],
    ]);
    expect(personHistoryProjection.documentsOf!(events[1]!)).toEqual([
      { collection: complaintTracksCollection, id: 'c-1' },
      { collection: personHistoriesCollection, id: 'person-wang' },
    ]);
  });
});
