import type { Decider } from '@ledger/decider';
import type { ComplaintEvent } from '@ledger/events';
import type { ComplaintCommand } from './commands.ts';
import { decide } from './decide.ts';
import { type EraseComplainantData, decideErasure } from './erasure.ts';
import { type ComplaintState, evolve, initialState } from './state.ts';

/** The domain's deciders in the shape `executeCommand` runs: both write a complaint's own stream. */

type ComplaintStreamDecider<Command> = Decider<Command, ComplaintState | undefined, ComplaintEvent>;

/** The complaint lifecycle (SPEC 3): filing, intake, handling, findings, appeals, reopening, overdue marks. */
export const complaintDecider: ComplaintStreamDecider<ComplaintCommand> = { initialState, evolve, decide };

/** A lawful erasure of the complainant's personal data (SPEC 8). */
export const erasureDecider: ComplaintStreamDecider<EraseComplainantData> = { initialState, evolve, decide: decideErasure };
