import { Descriptions, Spin, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { answer, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageLoad } from '../../shared/page-load.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { MovedDeadline } from '../../shared/moved-deadline.tsx';
import { formatInstant } from '../../shared/time.ts';
import { WorkflowDetail } from '../../shared/workflow-detail.tsx';
import { type RectificationItem, rectificationSteps } from './rectification-steps.tsx';
import { RectificationOverdueTag, RectificationStatusTag } from './rectification-tags.tsx';

/** One item with its history and the steps the signed-in role may take on it as it stands. */
export function RectificationDetail({ rectificationId, onChanged }: { rectificationId: string; onChanged(): void }) {
  const { t, label, locale } = useI18n();
  const [item, setItem] = useState<RectificationItem | undefined>();

  const fetchItem = useCallback(async () => {
    setItem(answer('GET /v1/rectifications/{id}', await api.GET('/v1/rectifications/{id}', { params: { path: { id: rectificationId } } })));
  }, [rectificationId]);
  const { load, problem } = usePageLoad(fetchItem);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!item) return <Spin />;
  return (
    <WorkflowDetail
      subject={item}
      id={item.rectificationId}
      testId="rectification-detail"
      status={<RectificationStatusTag status={item.status} />}
      marks={item.overdue && <RectificationOverdueTag />}
      steps={rectificationSteps}
      stepsLabel={t('rect.steps')}
      noSteps={t('rect.noSteps')}
      formPrefix="rectification"
      onStepDone={() => {
        void load();
        onChanged();
      }}
    >
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('rect.department')}>{item.departmentId}</Descriptions.Item>
        <Descriptions.Item label={t('rect.source')}>
          {label('rectSource', item.source.kind)}
          {item.source.ref ? ` · ${item.source.ref}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('rect.problem')}>{item.problem}</Descriptions.Item>
        <Descriptions.Item label={t('rect.measure')}>{item.measure}</Descriptions.Item>
        <Descriptions.Item label={t('rect.target')}>{item.target}</Descriptions.Item>
        <Descriptions.Item label={t('rect.responsible')}>{item.responsiblePersonId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('rect.deadline')}>{formatInstant(item.deadline, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('rect.openedAt')}>{formatInstant(item.openedAt, locale)}</Descriptions.Item>
        {item.verifiedAt && (
          <Descriptions.Item label={t('rect.verifiedAt')}>
            {formatInstant(item.verifiedAt, locale)} · {t(item.verifiedOnTime ? 'rect.onTime' : 'rect.late')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <section aria-labelledby="rectification-history">
        <h2 id="rectification-history" style={{ fontSize: 15 }}>
          {t('rect.history')}
        </h2>
        <Timeline
          data-testid="rectification-history"
          items={item.history.map((event, index) => {
            const said = 'note' in event ? event.note : 'evidence' in event ? event.evidence : 'problem' in event ? event.problem : undefined;
            return {
              key: index,
              content: (
                <>
                  <strong>{label('rectEvent', event.type)}</strong>{' '}
                  <Typography.Text type="secondary">
                    {formatInstant(event.at, locale)}
                  </Typography.Text>
                  {said && <div>{said}</div>}
                  <MovedDeadline step={event} />
                </>
              ),
            };
          })}
        />
      </section>
    </WorkflowDetail>
  );
}
