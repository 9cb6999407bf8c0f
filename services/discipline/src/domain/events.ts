import type {
  ApologyCarriedOut,
  ApologyRequired,
  ApologyRescinded,
  DepartmentFaultCounted,
  EventOf,
  FindingCounted,
  IncidentRecorded,
  PersonHistoryRead,
  ReferralDecided,
  ReferralOpened,
  SanctionCarriedOut,
  SanctionDecided,
  SanctionPolicyAdopted,
  SanctionRescinded,
  SanctionSupportChanged,
} from '@ledger/events';

export type SanctionPolicyAdoptedEvent = EventOf<typeof SanctionPolicyAdopted>;
export type FindingCountedEvent = EventOf<typeof FindingCounted>;
export type SanctionDecidedEvent = EventOf<typeof SanctionDecided>;
export type SanctionCarriedOutEvent = EventOf<typeof SanctionCarriedOut>;
export type SanctionRescindedEvent = EventOf<typeof SanctionRescinded>;
export type SanctionSupportChangedEvent = EventOf<typeof SanctionSupportChanged>;
export type ReferralOpenedEvent = EventOf<typeof ReferralOpened>;
export type ReferralDecidedEvent = EventOf<typeof ReferralDecided>;
export type PersonHistoryReadEvent = EventOf<typeof PersonHistoryRead>;
export type DepartmentFaultCountedEvent = EventOf<typeof DepartmentFaultCounted>;
export type IncidentRecordedEvent = EventOf<typeof IncidentRecorded>;
export type ApologyRequiredEvent = EventOf<typeof ApologyRequired>;
export type ApologyCarriedOutEvent = EventOf<typeof ApologyCarriedOut>;
export type ApologyRescindedEvent = EventOf<typeof ApologyRescinded>;

/** The events of a person's stream (`person-<id>`): the ladder's facts and decisions, and recorded reads. */
export type PersonEvent =
  | FindingCountedEvent
  | SanctionDecidedEvent
  | SanctionCarriedOutEvent
  | SanctionRescindedEvent
  | SanctionSupportChangedEvent
  | ReferralOpenedEvent
  | ReferralDecidedEvent
  | PersonHistoryReadEvent;

/** The events of a department's accountability stream. */
export type DepartmentAccountabilityEvent =
  | DepartmentFaultCountedEvent
  | IncidentRecordedEvent
  | ApologyRequiredEvent
  | ApologyCarriedOutEvent
  | ApologyRescindedEvent;
