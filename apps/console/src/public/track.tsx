import { Alert, Button, Card, Descriptions, Form, Input, Rate, Result, Spin, Steps, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type Answer, answer, api } from '../api/client.ts';
import type { ProblemDetails } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { problemFromError, useApiForm } from '../shared/api-form.ts';
import { ProblemAlert } from '../shared/problem-alert.tsx';
import { tagColors } from '../shared/tag-colors.ts';
import { formatInstant } from '../shared/time.ts';

export function TrackLookup() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('track.lookupTitle')}
      </Typography.Title>
      <Form name="track" layout="vertical" onFinish={({ code }: { code: string }) => navigate(`/track/${encodeURIComponent(code.trim().toUpperCase())}`)}>
        <Form.Item name="code" label={t('track.code')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input size="large" autoCapitalize="characters" autoComplete="off" placeholder="ABCD-EFGH-JKLM" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>
          {t('track.lookup')}
        </Button>
      </Form>
    </Card>
  );
}

const progress = ['filed', 'accepted', 'found', 'closed'] as const;

const levels = [1, 2, 3, 4, 5] as const;

/**
 * The stars as a form control: the library's list of stars has no role, so the form's aria attributes (required,
 * invalid) would sit on an element that may not have them (axe: critical). They go on a radiogroup around it.
 */
function StarsField({ id, value, onChange, label, ...aria }: { id?: string; value?: number; onChange?(value: number): void; label: string; 'aria-required'?: boolean; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) {
  const { t } = useI18n();
  return (
    <div id={id} role="radiogroup" aria-label={label} {...aria}>
      <Rate count={5} value={value} onChange={onChange} tooltips={levels.map((level) => t(`publicRating.level.${level}`))} />
    </div>
  );
}

type TrackView = Answer<'GET /v1/track/{trackingCode}'>;

/** `/track/{code}`: what the complainant may see of their complaint (API.md: status and dates only), and the rating. */
export function TrackPage() {
  const { t, locale } = useI18n();
  const { trackingCode = '' } = useParams();
  const [view, setView] = useState<TrackView | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();

  const load = useCallback(async () => {
    try {
      setView(answer('GET /v1/track/{trackingCode}', await api.GET('/v1/track/{trackingCode}', { params: { path: { trackingCode } } })));
    } catch (error) {
      setProblem(problemFromError(error));
    }
  }, [trackingCode]);
  useEffect(() => {
    void load();
  }, [load]);

  if (problem?.status === 404) {
    return <Result status="warning" title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('track.unknown')}</h1>} subTitle={t('track.unknownDetail')} />;
  }
  if (problem) return <ProblemAlert problem={problem} />;
  if (!view) return <Spin />;
  const current = view.status === 'appealed' ? 2 : Math.max(0, progress.indexOf(view.status as (typeof progress)[number]));
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('track.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('track.code')} <span style={{ fontFamily: 'monospace' }}>{trackingCode}</span>
      </Typography.Paragraph>
      {view.status === 'rejected' ? (
        <Alert type="info" showIcon title={t('track.status.rejected')} data-testid="track-status" />
      ) : (
        <>
          <Typography.Paragraph strong>
            <span data-testid="track-status">{t(`track.status.${view.status}`)}</span>
            {/* API.md: `overdue` is shown beside the status of a complaint past its deadline or commitment. */}
            {view.overdue && (
              <Tag variant="solid" color={tagColors.red} style={{ marginInlineStart: 8 }} data-testid="track-overdue">
                {t('complaint.overdue')}
              </Tag>
            )}
          </Typography.Paragraph>
          <Steps
            orientation="vertical"
            size="small"
            current={current}
            status={view.status === 'closed' ? 'finish' : 'process'}
            items={progress.map((step) => ({ title: t(`track.step.${step}`) }))}
          />
        </>
      )}
      <Descriptions column={1} size="small" bordered style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('track.receivedAt')}>{formatInstant(view.receivedAt, locale)}</Descriptions.Item>
        {view.dueAt && <Descriptions.Item label={t('track.dueAt')}>{formatInstant(view.dueAt, locale, 'date')}</Descriptions.Item>}
        {view.extendedDueAt && <Descriptions.Item label={t('track.extendedDueAt')}>{formatInstant(view.extendedDueAt, locale, 'date')}</Descriptions.Item>}
        {view.explanation && <Descriptions.Item label={t('track.explanation')}>{view.explanation}</Descriptions.Item>}
        {view.commitmentAt && <Descriptions.Item label={t('track.commitmentAt')}>{formatInstant(view.commitmentAt, locale, 'date')}</Descriptions.Item>}
        {view.closedAt && <Descriptions.Item label={t('track.closedAt')}>{formatInstant(view.closedAt, locale)}</Descriptions.Item>}
      </Descriptions>
      <RatingSection trackingCode={trackingCode} view={view} onRated={() => void load()} />
    </Card>
  );
}

/**
 * The rating of SPEC 3.5 as the complaint stands: the form once it is closed (or under an appeal filed after the
 * close), the rating given when there is one (it is given once), and why not yet otherwise.
 */
function RatingSection({ trackingCode, view, onRated }: { trackingCode: string; view: TrackView; onRated(): void }) {
  const { t, locale } = useI18n();
  if (view.rating) {
    return (
      <section aria-labelledby="rating-title" style={{ marginTop: 24 }} data-testid="rating">
        <h2 id="rating-title" style={{ fontSize: 17 }}>
          {t('track.yourRating')}
        </h2>
        {/* The stars are a picture of the line below, which says it in words. */}
        <div aria-hidden="true">
          <Rate disabled count={5} value={view.rating.satisfaction} />
        </div>
        <Typography.Paragraph strong style={{ marginTop: 8 }}>
          {view.rating.satisfaction} / 5 · {t(`publicRating.level.${view.rating.satisfaction as 1 | 2 | 3 | 4 | 5}`)}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" data-testid="rating-state">
          {t('publicRating.rated', { at: formatInstant(view.rating.ratedAt, locale) })}
        </Typography.Paragraph>
      </section>
    );
  }
  const ratable = view.status === 'closed' || (view.status === 'appealed' && Boolean(view.closedAt));
  if (!ratable) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 24 }}
        data-testid="rating-state"
        title={t(view.status === 'rejected' ? 'publicRating.notForRejected' : 'publicRating.notYet')}
      />
    );
  }
  return <RateHandling trackingCode={trackingCode} onRated={onRated} />;
}

/** SPEC 3.5: once closed, the complainant rates the handling, once. */
function RateHandling({ trackingCode, onRated }: { trackingCode: string; onRated(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ satisfaction: number; comment?: string }>();
  const { submit, pending, formProblem } = useApiForm(
    form,
    ['satisfaction', 'comment'],
    async (values: { satisfaction: number; comment?: string }, idempotencyKey) =>
      answer(
        'POST /v1/track/{trackingCode}/rating',
        await api.POST('/v1/track/{trackingCode}/rating', {
          params: { path: { trackingCode }, header: { 'idempotency-key': idempotencyKey } },
          body: { satisfaction: values.satisfaction, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) },
        }),
      ),
    onRated,
  );
  return (
    <section aria-labelledby="rate-title" style={{ marginTop: 24 }}>
      <h2 id="rate-title" style={{ fontSize: 17 }}>
        {t('track.rateTitle')}
      </h2>
      <Form form={form} name="rate" layout="vertical" onFinish={submit}>
        <Form.Item name="satisfaction" label={t('track.satisfaction')} rules={[{ required: true, message: t('form.required') }]}>
          <StarsField label={t('track.satisfaction')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('publicRating.once')}</Typography.Paragraph>
        <Form.Item name="comment" label={t('track.comment')}>
          <Input.TextArea rows={3} maxLength={2_000} />
        </Form.Item>
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        {/* Rated meanwhile (another device): the refusal stays readable, the rating given is one tap away. */}
        {formProblem?.problem.status === 409 && (
          <Button onClick={onRated} style={{ marginBottom: 8 }} block>
            {t('publicRating.reload')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" block loading={pending}>
          {t('track.rate')}
        </Button>
      </Form>
    </section>
  );
}
