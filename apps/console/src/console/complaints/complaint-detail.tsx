import { Descriptions, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { answer, api } from '../../api/client.ts';
import type { ComplaintView } from '../../api/undocumented-answers.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageLoad } from '../../shared/page-load.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant } from '../../shared/time.ts';
import { WorkflowDetail } from '../../shared/workflow-detail.tsx';
import { complaintSteps } from './steps.tsx';
import { ComplaintStatusTag, OutcomeTag, OverdueTag } from './tags.tsx';

/** One complaint with its history and the steps the signed-in role may take on it as it stands. */
export function ComplaintDetail({ complaintId, onChanged }: { complaintId: string; onChanged(): void }) {
  const { t, label, locale } = useI18n();
  const [complaint, setComplaint] = useState<ComplaintView | undefined>();

  const fetchComplaint = useCallback(async () => {
    setComplaint(answer('GET /v1/complaints/{id}', await api.GET('/v1/complaints/{id}', { params: { path: { id: complaintId } } })));
  }, [complaintId]);
  const { load, problem } = usePageLoad(fetchComplaint);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!complaint) return <Spin />;
  return (
    <WorkflowDetail
      subject={complaint}
      id={complaint.complaintId}
      testId="complaint-detail"
      status={<ComplaintStatusTag status={complaint.status} />}
      marks={
        <>
          {complaint.overdue && <OverdueTag />}
          {complaint.finding && <OutcomeTag outcome={complaint.finding.outcome} />}
        </>
      }
      steps={complaintSteps}
      stepsLabel={t('complaint.steps')}
      noSteps={t('complaint.noSteps')}
      formPrefix="step"
      onStepDone={() => {
        void load();
        onChanged();
      }}
    >
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('complaint.summary')}>{complaint.summary}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.channel')}>{t(`channel.${complaint.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.category')}>{t(`category.${complaint.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.department')}>{complaint.departmentId}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.person')}>{complaint.personId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.receivedAt')}>{formatInstant(complaint.receivedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.dueAt')}>{formatInstant(complaint.dueAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('complaint.investigators')}>{complaint.investigators.map((assignment) => assignment.investigatorId).join('、') || '—'}</Descriptions.Item>
        {complaint.finding && (
          <Descriptions.Item label={t('complaint.finding')}>
            <OutcomeTag outcome={complaint.finding.outcome} /> {complaint.finding.personId ?? ''}
            {complaint.finding.departmentsAtFault.length > 0 && ` · ${t('complaint.departmentsAtFault')} ${complaint.finding.departmentsAtFault.join('、')}`}
            {complaint.finding.note && <div>{complaint.finding.note}</div>}
          </Descriptions.Item>
        )}
        {complaint.satisfaction !== undefined && <Descriptions.Item label={t('complaint.satisfaction')}>{complaint.satisfaction} / 5</Descriptions.Item>}
        {complaint.complainant && (
          <Descriptions.Item label={t('complaint.complainant')}>
            {complaint.complainant.erased ? <Tag>{t('complaint.erased')}</Tag> : [complaint.complainant.name, complaint.complainant.phone, complaint.complainant.email].filter(Boolean).join(' · ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <section aria-labelledby="complaint-history">
        <h2 id="complaint-history" style={{ fontSize: 15 }}>
          {t('complaint.history')}
        </h2>
        {complaint.history.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            items={complaint.history.map((event) => ({
              key: event.position,
              content: (
                <>
                  <strong>{label('event', event.type)}</strong>{' '}
                  <Typography.Text type="secondary">
                    {formatInstant(event.recordedAt, locale)}
                    {event.actor ? ` · ${event.actor}` : ''}
                  </Typography.Text>
                  {typeof event.data.reason === 'string' && <div>{event.data.reason}</div>}
                </>
              ),
            }))}
          />
        )}
      </section>
    </WorkflowDetail>
  );
}
