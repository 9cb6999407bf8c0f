import { PeriodClosed, type PeriodClosedData } from '@ledger/events';
import type { Document, Projection, ReadStore } from '@ledger/readstore';

export const closedPeriodsCollection = 'evaluations_closed_periods';

/** A year the rankings service has closed: its ranking is published, so its inputs are final. */
interface ClosedPeriod extends Document {
  /** The year, as a string: one document per year. */
  id: string;
  year: number;
  closedAt: string;
}

/**
 * The years closed so far, kept from the rankings service's events (services read each other's events,
 * never each other's code). A year closes once and its PeriodClosed never changes, so a redelivery
 * writes the same document again: safe under at-least-once delivery without bookkeeping.
 */
export const closedPeriodsProjection: Projection = {
  name: 'evaluations.closed-periods',
  services: ['rankings'],
  eventTypes: [PeriodClosed.type],
  collections: [closedPeriodsCollection],
  async apply(event, store) {
    if (event.type !== PeriodClosed.type) return;
    const closed = event.data as PeriodClosedData;
    await store.collection<ClosedPeriod>(closedPeriodsCollection).put({ id: String(closed.year), year: closed.year, closedAt: closed.at });
  },
};

/** Whether the read model has seen the year closed (it follows the ledger, so it may lag a close by a moment). */
export async function isPeriodClosed(store: ReadStore, year: number): Promise<boolean> {
  return (await store.collection<ClosedPeriod>(closedPeriodsCollection).get(String(year))) !== undefined;
}
