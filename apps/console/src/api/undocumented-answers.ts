/**
 * DELETE THIS FILE once the ledger's OpenAPI documents every answer (API.md: "Every answer documents its body").
 *
 * Until then the generated schema says nothing of most answers' bodies, so their shapes are written here, once,
 * from API.md and what the routes send today. `Answer<K>` in client.ts takes the OpenAPI's type as soon as a
 * route documents one and falls back to this table only while it does not: nothing else in the console casts.
 */
import type { ComplaintCategory, ComplaintChannel, ComplaintStatus, FindingOutcome } from './vocabulary.ts';

export interface ComplaintSummary {
  complaintId: string;
  status: ComplaintStatus;
  overdue?: true;
  channel: ComplaintChannel;
  departmentId: string;
  personId?: string;
  category: ComplaintCategory;
  receivedAt: string;
  dueAt?: string;
  outcome?: FindingOutcome;
  closedAt?: string;
}

interface ComplaintHistoryEntry {
  position: number;
  type: string;
  recordedAt: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface ComplaintView extends Omit<ComplaintSummary, 'outcome' | 'overdue'> {
  summary: string;
  occurredAt?: string;
  handlingDays?: number;
  /** The one extension of the deadline (SPEC 3.2). */
  extension?: { days: number; reason: string; previousDueAt: string; dueAt: string; at: string };
  /** The extended deadline while it is the one in force. */
  extendedDueAt?: string;
  /** Explanations of the overdue complaint with their commitments (SPEC 3.7), oldest first. */
  explanations?: Array<{ explanation: string; commitmentAt: string; at: string }>;
  /** The commitment in force. */
  commitmentAt?: string;
  acceptedAt?: string;
  rejectedAt?: string;
  rejectionReason?: string;
  investigators: Array<{ investigatorId: string; at: string }>;
  finding?: { outcome: FindingOutcome; personId?: string; departmentsAtFault: string[]; note?: string; at: string; decidedOnAppeal: boolean };
  findingAppealed: boolean;
  satisfaction?: number;
  /** The complainant's own rating through the tracking code (SPEC 3.5). */
  complainantRating?: { satisfaction: number; at: string };
  reopened: boolean;
  reopenedAt?: string;
  reopenReason?: string;
  appeal?: { pending: boolean; reason: string; filedAt: string; decision?: 'upheld' | 'overturned'; decidedAt?: string };
  /** True while the complaint is past its deadline (or was marked so by the deadline watcher). */
  overdue?: boolean;
  /** Only for the roles that may see who complained (intake clerk, investigator). */
  complainant?: { ref: string; name?: string; phone?: string; email?: string; erased?: true };
  history: ComplaintHistoryEntry[];
}

export interface PersonHistory {
  personId: string;
  name?: string;
  departmentId?: string;
  complaints: Array<{ complaintId: string; receivedAt: string; status: ComplaintStatus; outcome?: FindingOutcome; departmentId: string }>;
  validCounts: { byYear: Record<string, number>; last24Months: number };
  currentStep: number;
  sanctions: Array<{
    sanctionId: string;
    step: number;
    year?: number;
    consequences: string[];
    complaintIds: string[];
    policyVersion: number;
    status: 'pending' | 'carried-out' | 'rescinded';
    decidedAt: string;
    rescindedReason?: string;
    imposed?: string;
    imposedNote?: string;
  }>;
  ratingCaps: Record<string, 'not-excellent' | 'incompetent'>;
  /** API.md names these; the ledger does not send them yet (referrals, rectification and bottom-rank talks are being built). */
  referrals?: Array<{ referralId: string; complaintId: string; status: 'open' | 'decided'; outcome?: string; sanction?: string; reference?: string }>;
  efficiencyWarnings?: Array<{ rectificationId: string; issuedAt: string }>;
  bottomRankTalks?: Array<{ year: number; departmentId: string }>;
}

interface RankingEntry {
  year: number;
  category: string;
  score: number;
  exactScore: string;
  grade: string;
  rank: number;
  rankedInCategory: number;
  bottom: boolean;
  vetoed: boolean;
}

interface MonthStatistics {
  month: string;
  counts: Record<'1' | '2' | '3' | '4' | '5', number>;
  total: number;
  satisfactionRate: number | null;
  meanIndex: number | null;
}

interface ApologyView {
  apologyId: string;
  kind: 'direct' | 'public' | 'joint';
  departments: Array<{ departmentId: string; leaderPersonId?: string }>;
  year: number;
  cause: { type: 'complaint' | 'incident'; complaintId?: string; incidentId?: string; kind?: string };
  reason: string;
  requiredAt: string;
  status: 'pending' | 'carried-out' | 'rescinded';
  carriedOut?: { by: string; note?: string; at: string };
}

export interface DepartmentAccountability {
  departmentId: string;
  year?: number;
  apologies: ApologyView[];
  bottomRank: Array<{ outcome: 'admonition-talk' | 'leader-replacement'; departmentId: string; year: number }>;
  rankings: RankingEntry[];
  statistics: MonthStatistics[];
}

export interface Department {
  departmentId: string;
  name: string;
  category: string;
  leaderPersonId?: string;
}

export interface TrackView {
  status: ComplaintStatus;
  receivedAt: string;
  dueAt?: string;
  extendedDueAt?: string;
  explanation?: string;
  commitmentAt?: string;
  closedAt?: string;
  rating?: { satisfaction: number; ratedAt: string };
  overdue?: true;
}

export interface UndocumentedAnswers {
  'GET /v1/complaints': { items: ComplaintSummary[]; next?: string };
  'GET /v1/complaints/{id}': ComplaintView;
  'POST /v1/complaints': { complaintId: string; trackingCode: string; status: 'filed' };
  'POST /v1/complaints/{id}/accept': { status: 'accepted'; dueAt: string };
  'POST /v1/complaints/{id}/reject': { status: 'rejected' };
  'POST /v1/complaints/{id}/assign': { status: ComplaintStatus };
  'POST /v1/complaints/{id}/finding': { status: 'found'; outcome: FindingOutcome };
  'POST /v1/complaints/{id}/close': { status: 'closed' };
  'POST /v1/complaints/{id}/reopen': { status: 'accepted'; dueAt: string };
  'POST /v1/complaints/{id}/appeal': { status: 'appealed' };
  'POST /v1/complaints/{id}/appeal-decision': { status: ComplaintStatus; decision: 'upheld' | 'overturned'; outcome: FindingOutcome; personId?: string; reason: string };
  'GET /v1/people/{personId}/history': PersonHistory;
  'GET /v1/departments/{departmentId}': Department;
  'GET /v1/departments/{departmentId}/accountability': DepartmentAccountability;
  'GET /v1/track/{trackingCode}': TrackView;
}
