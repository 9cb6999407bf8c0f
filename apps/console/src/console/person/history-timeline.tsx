import { Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { PersonHistory } from '../../api/undocumented-answers.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { ledgerTimeZone } from '../../shared/time.ts';
import { ComplaintStatusTag, OutcomeTag } from '../complaints/tags.tsx';
import { SanctionStatusTag, consequenceLabel } from './sanction-labels.tsx';
import { type TimelineEntry, timelineOf } from './timeline.ts';
import { tagColors } from '../../shared/tag-colors.ts';

const colors: Record<TimelineEntry['kind'], string> = { complaint: 'blue', sanction: 'red', warning: 'orange', talk: 'gray' };

export function HistoryTimeline({ history }: { history: PersonHistory }) {
  const { t } = useI18n();
  return (
    <div data-testid="timeline">
      {timelineOf(history).map(({ year, validCount, entries }) => (
        <section key={year} aria-labelledby={`year-${year}`} data-testid={`year-${year}`}>
          <h3 id={`year-${year}`} style={{ fontSize: 15, margin: '8px 0 12px' }}>
            {t('timeline.year', { year })} <Tag variant={validCount > 0 ? 'solid' : 'filled'} color={validCount > 0 ? tagColors.volcano : 'default'}>{t('timeline.validCount', { count: validCount })}</Tag>
          </h3>
          <Timeline
            items={entries.map((entry, index) => ({
              key: `${entry.kind}-${index}`,
              color: colors[entry.kind],
              content: <EntryText entry={entry} />,
            }))}
          />
        </section>
      ))}
    </div>
  );
}

function EntryText({ entry }: { entry: TimelineEntry }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const when = (iso: string) => <Typography.Text type="secondary">{new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', timeZone: ledgerTimeZone }).format(new Date(iso))} </Typography.Text>;
  switch (entry.kind) {
    case 'complaint': {
      const { complaint, referral } = entry;
      const id = may(session?.role, 'GET /v1/complaints/{id}') ? <Link to={`/console/complaints/${complaint.complaintId}`}>{complaint.complaintId}</Link> : complaint.complaintId;
      return (
        <div data-testid={`entry-complaint-${complaint.complaintId}`}>
          {when(entry.at)}
          {t('timeline.complaint')} {id} <ComplaintStatusTag status={complaint.status} /> {complaint.outcome && <OutcomeTag outcome={complaint.outcome} />}
          {referral && (
            <Tag variant={referral.status === 'open' ? 'solid' : 'filled'} color={referral.status === 'open' ? tagColors.purple : 'default'}>
              {t(`timeline.referral.${referral.status}`)}
              {referral.outcome ? ` · ${referral.outcome}` : ''}
              {referral.reference ? ` · ${referral.reference}` : ''}
            </Tag>
          )}
        </div>
      );
    }
    case 'sanction': {
      const { sanction } = entry;
      return (
        <div data-testid={`entry-sanction-${sanction.step}`}>
          {when(entry.at)}
          <strong>{t('timeline.sanction', { step: sanction.step })}</strong> <SanctionStatusTag status={sanction.status} />
          <div>
            {sanction.consequences.map((name) => (
              <Tag key={name}>{consequenceLabel(t, name)}</Tag>
            ))}
            {sanction.imposed && <Tag variant="solid" color={tagColors.red}>{sanction.imposed}</Tag>}
          </div>
          <Typography.Text type="secondary">
            {t('timeline.evidence', { ids: sanction.complaintIds.join('、') })}
            {sanction.rescindedReason ? ` · ${t('timeline.rescinded', { reason: sanction.rescindedReason })}` : ''}
          </Typography.Text>
        </div>
      );
    }
    case 'warning':
      return (
        <div>
          {when(entry.at)}
          {t('timeline.warning', { id: entry.warning.rectificationId })}
        </div>
      );
    case 'talk':
      return <div>{t('timeline.talk', { year: entry.talk.year, department: entry.talk.departmentId })}</div>;
  }
}
