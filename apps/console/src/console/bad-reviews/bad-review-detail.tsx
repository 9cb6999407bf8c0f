import { App, Button, Descriptions, Form, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.zh-CN.ts';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { problemFromError, useApiForm } from '../../shared/api-form.ts';
import { MovedDeadline } from '../../shared/moved-deadline.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { tagColors } from '../../shared/tag-colors.ts';
import { formatInstant } from '../../shared/time.ts';
import { type BadReviewCase, type BadReviewStep, badReviewSteps } from './bad-review-steps.tsx';

/** The case's history in the reader's words (an event type the console does not know yet shows as it is). */
const badReviewEventLabels = {
  BadReviewOpened: 'badReviewEvent.BadReviewOpened',
  BadReviewVerified: 'badReviewEvent.BadReviewVerified',
  BadReviewDeadlineMoved: 'badReviewEvent.BadReviewDeadlineMoved',
  BadReviewRectified: 'badReviewEvent.BadReviewRectified',
  BadReviewCalledBack: 'badReviewEvent.BadReviewCalledBack',
  BadReviewOverdue: 'badReviewEvent.BadReviewOverdue',
} as const satisfies Record<string, MessageKey>;

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
  const { t, locale } = useI18n();
  const { session } = useSession();
  const [badReview, setBadReview] = useState<BadReviewCase | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const [openStep, setOpenStep] = useState<BadReviewStep<Record<string, unknown>> | undefined>();

  const load = useCallback(async () => {
    setProblem(undefined);
    try {
      setBadReview(answer('GET /v1/bad-reviews/{id}', await api.GET('/v1/bad-reviews/{id}', { params: { path: { id: badReviewId } } })));
    } catch (error) {
      setProblem(problemFromError(error));
    }
  }, [badReviewId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!badReview) return <Spin />;
  const steps = badReviewSteps.filter((step) => may(session?.role, step.route) && step.fits(badReview, session?.role));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bad-review-detail">
      <Space wrap>
        <Typography.Text strong copyable>
          {badReview.badReviewId}
        </Typography.Text>
        <span data-testid="detail-status">
          <BadReviewStatusTag badReview={badReview} />
        </span>
      </Space>
      <section aria-label={t('badReview.steps')}>
        <Space wrap data-testid="steps">
          {steps.length === 0 && <Typography.Text type="secondary">{t('rect.noSteps')}</Typography.Text>}
          {steps.map((step) => (
            <Button key={step.name} type="primary" ghost onClick={() => setOpenStep(step)} data-step={step.name}>
              {t(step.label)}
            </Button>
          ))}
        </Space>
      </section>
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
                <strong>{event.type in badReviewEventLabels ? t(badReviewEventLabels[event.type as keyof typeof badReviewEventLabels]) : event.type}</strong> <Typography.Text type="secondary">{formatInstant(event.at, locale)}</Typography.Text>
                {typeof event.note === 'string' && <div>{event.note}</div>}
                <MovedDeadline step={event} />
              </>
            ),
          }))}
        />
      </section>
      {openStep && (
        <BadReviewStepForm
          step={openStep}
          badReviewId={badReview.badReviewId}
          onClose={() => setOpenStep(undefined)}
          onDone={() => {
            setOpenStep(undefined);
            void load();
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

function BadReviewStepForm({ step, badReviewId, onClose, onDone }: { step: BadReviewStep<Record<string, unknown>>; badReviewId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { submit, pending, formProblem } = useApiForm(
    form,
    step.fields,
    (values, idempotencyKey) => step.send(badReviewId, values, idempotencyKey),
    () => {
      void message.success(t('step.done', { step: t(step.label) }));
      onDone();
    },
  );
  return (
    <Modal open title={t(step.label)} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} name={`bad-review-${step.name}`} layout="vertical" onFinish={submit} data-testid={`step-form-${step.name}`}>
        <step.Fields t={t} />
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('step.submit', { step: t(step.label) })}
        </Button>
      </Form>
    </Modal>
  );
}
