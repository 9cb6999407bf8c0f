import { Descriptions, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { answer, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { MovedDeadline } from '../../shared/moved-deadline.tsx';
import { usePageLoad } from '../../shared/page-load.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { tagColors } from '../../shared/tag-colors.ts';
import { formatInstant } from '../../shared/time.ts';
import { WorkflowDetail } from '../../shared/workflow-detail.tsx';
import { type BadReviewCase, badReviewSteps } from './bad-review-steps.tsx';

export function BadReviewStatusTag({ badReview }: { badReview: Pick<BadReviewCase, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag variant="solid" color={badReview.status === 'open' ? tagColors.neutral : badReview.status === 'called-back' ? tagColors.green : tagColors.blue}>
        {t(`badReviewStatus.${badReview.status}`)}
      </Tag>
      {badReview.overdue && (
        <Tag variant="solid" color={tagColors.red} data-testid="overdue">
          {t('rect.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** One bad-review case with its history and the steps the signed-in role may take on it as it stands. */
export function BadReviewDetail({ badReviewId, onChanged }: { badReviewId: string; onChanged(): void }) {
  const { t, label, locale } = useI18n();
  const [badReview, setBadReview] = useState<BadReviewCase | undefined>();

  const fetchCase = useCallback(async () => {
    setBadReview(answer('GET /v1/bad-reviews/{id}', await api.GET('/v1/bad-reviews/{id}', { params: { path: { id: badReviewId } } })));
  }, [badReviewId]);
  const { load, problem } = usePageLoad(fetchCase);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!badReview) return <Spin />;
  return (
    <WorkflowDetail
      subject={badReview}
      id={badReview.badReviewId}
      testId="bad-review-detail"
      status={<BadReviewStatusTag badReview={badReview} />}
      steps={badReviewSteps}
      stepsLabel={t('badReview.steps')}
      noSteps={t('rect.noSteps')}
      formPrefix="bad-review"
      onStepDone={() => {
        void load();
        onChanged();
      }}
    >
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('rect.department')}>{badReview.departmentId}</Descriptions.Item>
        <Descriptions.Item label={t('badReview.transaction')}>{badReview.transactionId}</Descriptions.Item>
        <Descriptions.Item label={t('rect.responsible')}>{badReview.personId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('badReview.level')}>{badReview.level}</Descriptions.Item>
        <Descriptions.Item label={t('badReview.ratedAt')}>{formatInstant(badReview.ratedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('badReview.verifyBy')}>{formatInstant(badReview.verifyBy, locale)}</Descriptions.Item>
        {badReview.justified !== undefined && (
          <Descriptions.Item label={t('badReview.verdict')}>
            {t(badReview.justified ? 'badReview.justified' : 'badReview.unjustified')}
            {badReview.verifiedOnTime !== undefined && ` · ${t(badReview.verifiedOnTime ? 'rect.onTime' : 'rect.late')}`}
          </Descriptions.Item>
        )}
        {badReview.rectificationId && (
          <Descriptions.Item label={t('badReview.rectification')}>
            <Typography.Link href={`/console/rectification/${badReview.rectificationId}`}>{badReview.rectificationId}</Typography.Link>
          </Descriptions.Item>
        )}
        {badReview.callback && <Descriptions.Item label={t('badReview.callbackResult')}>{t(`callbackResult.${badReview.callback as 'satisfied'}`)}</Descriptions.Item>}
      </Descriptions>
      <section aria-labelledby="bad-review-history">
        <h2 id="bad-review-history" style={{ fontSize: 15 }}>
          {t('rect.history')}
        </h2>
        <Timeline
          data-testid="bad-review-history"
          items={badReview.history.map((event, index) => ({
            key: index,
            content: (
              <>
                <strong>{label('badReviewEvent', event.type)}</strong> <Typography.Text type="secondary">{formatInstant(event.at, locale)}</Typography.Text>
                {'note' in event && event.note !== undefined && <div>{event.note}</div>}
                <MovedDeadline step={event} />
              </>
            ),
          }))}
        />
      </section>
    </WorkflowDetail>
  );
}
