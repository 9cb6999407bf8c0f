import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import type { PersonHistory } from '../../api/undocumented-answers.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { asOfInstant, dayjs, formatInstant, isAfterLedgerToday, localYearOf } from '../../shared/time.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { SanctionStatusTag, consequenceLabel } from './sanction-labels.tsx';
import { ReasonPrompt } from './reason-prompt.tsx';
import { tagColors } from '../../shared/tag-colors.ts';

export function PersonLookup() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('person.lookupTitle')}
      </Typography.Title>
      <Form name="person-lookup" layout="inline" onFinish={({ personId }: { personId: string }) => navigate(`/console/people/${encodeURIComponent(personId.trim())}`)}>
        <Form.Item name="personId" label={t('person.personId')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('person.lookup')}
        </Button>
      </Form>
    </Card>
  );
}

/** SPEC 13: a person's page. Nothing is read until the reader has stated why (ReasonPrompt). */
export function PersonPage({ personId }: { personId: string }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>();
  const [asOfDay, setAsOfDay] = useState<Dayjs | null>(null);
  const [asOf, setAsOf] = useState<string | undefined>();
  const [history, setHistory] = useState<PersonHistory | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const [loading, setLoading] = useState(false);

  const read = useCallback(
    async (statedReason: string, day: Dayjs | null) => {
      const instant = day ? asOfInstant(day) : undefined;
      setLoading(true);
      setProblem(undefined);
      try {
        const query = { reason: statedReason, ...(instant ? { asOf: instant } : {}) };
        setHistory(answer('GET /v1/people/{personId}/history', await api.GET('/v1/people/{personId}/history', { params: { path: { personId }, query } })));
        setAsOf(instant);
      } catch (error) {
        setProblem(problemFromError(error));
        setHistory(undefined);
      } finally {
        setLoading(false);
      }
    },
    [personId],
  );

  const currentYear = localYearOf(asOf ?? new Date().toISOString());
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ReasonPrompt
        personId={personId}
        open={reason === undefined}
        onCancel={() => navigate('/console/people')}
        onSubmit={(stated) => {
          setReason(stated);
          void read(stated, asOfDay);
        }}
      />
      <Card>
        <Row gutter={[16, 16]} align="middle" justify="space-between">
          <Col>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {history?.name ?? personId}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('person.personId')} {personId}
              {history?.departmentId ? ` · ${t('person.department')} ${history.departmentId}` : ''}
            </Typography.Text>
          </Col>
          <Col>
            <Space wrap>
              <label htmlFor="as-of">{t('person.asOf')}</label>
              <DatePicker
                id="as-of"
                // A day picked without a time means its end: what the ledger said on that day.
                showTime={{ defaultOpenValue: dayjs().hour(23).minute(59).second(59) }}
                format="YYYY-MM-DD HH:mm:ss"
                value={asOfDay}
                disabledDate={isAfterLedgerToday}
                placeholder={t('person.now')}
                onChange={(day) => {
                  setAsOfDay(day);
                  if (reason) void read(reason, day);
                }}
              />
            </Space>
          </Col>
        </Row>
        {reason && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('person.reasonShown', { reason })}
          </Typography.Paragraph>
        )}
      </Card>
      {asOf && (
        <Alert type="warning" showIcon data-testid="as-of-banner" title={t('person.asOfBanner', { instant: formatInstant(asOf, locale, 'second') })} />
      )}
      {problem && <ProblemAlert problem={problem} />}
      {loading && !history && <Spin />}
      {history && <PersonStanding history={history} currentYear={currentYear} />}
      {history && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('person.timeline')}</h2>}>
          {history.complaints.length + history.sanctions.length === 0 ? <Empty /> : <HistoryTimeline history={history} />}
        </Card>
      )}
      {history && history.sanctions.length > 0 && <SanctionTable history={history} />}
    </Space>
  );
}

function PersonStanding({ history, currentYear }: { history: PersonHistory; currentYear: number }) {
  const { t } = useI18n();
  const caps = Object.entries(history.ratingCaps).toSorted(([a], [b]) => Number(b) - Number(a));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Statistic title={t('person.currentStep')} value={history.currentStep} suffix="/ 5" data-testid="current-step" />
          <Typography.Text type="secondary">{t(`ladder.step${history.currentStep as 0 | 1 | 2 | 3 | 4 | 5}`)}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Statistic title={t('person.validThisYear', { year: currentYear })} value={history.validCounts.byYear[String(currentYear)] ?? 0} data-testid="valid-this-year" />
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Statistic title={t('person.valid24Months')} value={history.validCounts.last24Months} data-testid="valid-24-months" />
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Typography.Text type="secondary">{t('person.ratingCaps')}</Typography.Text>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            {caps.length === 0 ? (
              <Descriptions.Item>{t('person.noCaps')}</Descriptions.Item>
            ) : (
              caps.map(([year, cap]) => (
                <Descriptions.Item key={year} label={year}>
                  <Tag variant="solid" color={cap === 'incompetent' ? tagColors.red : tagColors.orange}>{t(`ratingCap.${cap}`)}</Tag>
                </Descriptions.Item>
              ))
            )}
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

function SanctionTable({ history }: { history: PersonHistory }) {
  const { t, locale } = useI18n();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('person.sanctions')}</h2>}>
      <Table
        rowKey="sanctionId"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={history.sanctions}
        columns={[
          { title: t('sanction.step'), dataIndex: 'step', render: (step: number) => t('sanction.stepN', { step }) },
          { title: t('sanction.year'), dataIndex: 'year', render: (year?: number) => year ?? '—' },
          { title: t('sanction.consequences'), dataIndex: 'consequences', render: (list: string[]) => list.map((name) => <Tag key={name}>{consequenceLabel(t, name)}</Tag>) },
          { title: t('sanction.evidence'), dataIndex: 'complaintIds', render: (ids: string[]) => ids.join('、') },
          { title: t('sanction.status'), dataIndex: 'status', render: (status: PersonHistory['sanctions'][number]['status']) => <SanctionStatusTag status={status} /> },
          { title: t('sanction.decidedAt'), dataIndex: 'decidedAt', render: (at: string) => formatInstant(at, locale) },
          { title: t('sanction.policyVersion'), dataIndex: 'policyVersion' },
        ]}
      />
    </Card>
  );
}
