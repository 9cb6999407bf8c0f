import type { HttpApp } from '@ledger/platform';
import { acceptComplaintRoute } from './accept-complaint.ts';
import { assignInvestigatorRoute } from './assign-investigator.ts';
import { closeComplaintRoute } from './close-complaint.ts';
import { decideAppealRoute } from './decide-appeal.ts';
import { explainOverdueRoute } from './explain-overdue.ts';
import { extendDeadlineRoute } from './extend-deadline.ts';
import { fileAppealRoute } from './file-appeal.ts';
import { fileComplaintRoute } from './file-complaint.ts';
import { listComplaintsRoute } from './list-complaints.ts';
import { readComplaintRoute } from './read-complaint.ts';
import { recordFindingRoute } from './record-finding.ts';
import { rejectComplaintRoute } from './reject-complaint.ts';
import { reopenComplaintRoute } from './reopen-complaint.ts';
import type { ComplaintRouteDeps } from './support.ts';

export type { ComplaintRouteDeps } from './support.ts';

/** The complaint lifecycle over HTTP (API.md "Complaints"): one file per command or read, each with its own checks. */
export function complaintRoutes(app: HttpApp, deps: ComplaintRouteDeps): void {
  for (const route of [
    fileComplaintRoute,
    acceptComplaintRoute,
    extendDeadlineRoute,
    explainOverdueRoute,
    rejectComplaintRoute,
    assignInvestigatorRoute,
    recordFindingRoute,
    closeComplaintRoute,
    reopenComplaintRoute,
    fileAppealRoute,
    decideAppealRoute,
    readComplaintRoute,
    listComplaintsRoute,
  ]) {
    route(app, deps);
  }
}
