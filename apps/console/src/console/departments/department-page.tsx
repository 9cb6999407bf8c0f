import { Button, Card, Col, Descriptions, Empty, Form, Input, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import type { Department, DepartmentAccountability } from '../../api/undocumented-answers.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { Chart } from '../../shared/chart.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant } from '../../shared/time.ts';
import { monthlyChart, rankingChart } from './charts.ts';
import { tagColors } from '../../shared/tag-colors.ts';
import { DepartmentRectification } from '../rectification/department-rectification.tsx';
import { DepartmentBadReviews } from './department-bad-reviews.tsx';

export function DepartmentLookup() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('department.lookupTitle')}
      </Typography.Title>
      <Form name="department-lookup" layout="inline" onFinish={({ departmentId }: { departmentId: string }) => navigate(`/console/departments/${encodeURIComponent(departmentId.trim())}`)}>
        <Form.Item name="departmentId" label={t('department.departmentId')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('department.lookup')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * SPEC 13: a department's page: rankings over the years and monthly statistics as charts, apologies, bottom-rank
 * outcomes, bad reviews by month, rectification items.
 */
export function DepartmentPage({ departmentId }: { departmentId: string }) {
  const { t, label, locale } = useI18n();
  const { session } = useSession();
  const [department, setDepartment] = useState<Department | undefined>();
  const [record, setRecord] = useState<DepartmentAccountability | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const [statisticsYear, setStatisticsYear] = useState<string | undefined>();

  useEffect(() => {
    void (async () => {
      try {
        if (may(session?.role, 'GET /v1/departments/{departmentId}')) {
          setDepartment(answer('GET /v1/departments/{departmentId}', await api.GET('/v1/departments/{departmentId}', { params: { path: { departmentId } } })));
        }
        const all = answer(
          'GET /v1/departments/{departmentId}/accountability',
          await api.GET('/v1/departments/{departmentId}/accountability', { params: { path: { departmentId }, query: {} } }),
        );
        setRecord(all);
        setStatisticsYear(all.statistics.at(-1)?.month.slice(0, 4));
      } catch (error) {
        setProblem(problemFromError(error));
      }
    })();
  }, [departmentId, session?.role]);

  const statisticYears = useMemo(() => [...new Set((record?.statistics ?? []).map((month) => month.month.slice(0, 4)))], [record]);
  const months = useMemo(() => (record?.statistics ?? []).filter((month) => month.month.startsWith(statisticsYear ?? '')), [record, statisticsYear]);
  const rankingOption = useMemo(() => rankingChart(record?.rankings ?? [], t), [record, t]);
  const monthlyOption = useMemo(() => monthlyChart(months, t), [months, t]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!record) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {department?.name ?? departmentId}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('department.departmentId')} {departmentId}
          {department ? ` · ${label('departmentCategory', department.category)}` : ''}
          {department?.leaderPersonId ? ` · ${t('department.leader')} ${department.leaderPersonId}` : ''}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('department.rankingsTitle')}</h2>}>
            {record.rankings.length === 0 ? <Empty description={t('department.noRankings')} /> : <Chart option={rankingOption} title={t('department.rankingsTitle')} testId="rankings-chart" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('department.monthlyTitle')}</h2>}
            extra={
              statisticYears.length > 0 && (
                <Select
                  aria-label={t('department.year')}
                  size="small"
                  value={statisticsYear}
                  onChange={setStatisticsYear}
                  options={statisticYears.map((year) => ({ value: year, label: year }))}
                />
              )
            }
          >
            {months.length === 0 ? <Empty description={t('department.noStatistics')} /> : <Chart option={monthlyOption} title={t('department.monthlyTitle')} testId="monthly-chart" />}
          </Card>
        </Col>
      </Row>
      {record.rankings.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('department.rankingTable')}</h2>}>
          <Table
            rowKey="year"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={record.rankings}
            columns={[
              { title: t('department.year'), dataIndex: 'year' },
              { title: t('department.score'), dataIndex: 'score', render: (score: number, ranking) => <span title={ranking.exactScore}>{score.toFixed(2)}</span> },
              { title: t('department.grade'), dataIndex: 'grade', render: (grade: string) => label('grade', grade) },
              { title: t('department.rank'), dataIndex: 'rank', render: (rank: number, ranking) => t('department.rankOf', { rank, of: ranking.rankedInCategory }) },
              {
                title: t('department.flags'),
                key: 'flags',
                render: (_: unknown, ranking) => (
                  <>
                    {ranking.bottom && <Tag variant="solid" color={tagColors.red}>{t('department.bottom')}</Tag>}
                    {ranking.vetoed && <Tag variant="solid" color={tagColors.magenta}>{t('department.vetoed')}</Tag>}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('department.apologies')}</h2>}>
            {record.apologies.length === 0 ? (
              <Empty />
            ) : (
              <Table
                rowKey="apologyId"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={record.apologies}
                columns={[
                  { title: t('department.year'), dataIndex: 'year' },
                  { title: t('department.apologyKind'), dataIndex: 'kind', render: (kind: 'direct' | 'public' | 'joint') => t(`apologyKind.${kind}`) },
                  { title: t('department.apologyReason'), dataIndex: 'reason' },
                  { title: t('department.requiredAt'), dataIndex: 'requiredAt', render: (at: string) => formatInstant(at, locale, 'date') },
                  { title: t('sanction.status'), dataIndex: 'status', render: (status: 'pending' | 'carried-out' | 'rescinded') => t(`sanctionStatus.${status}`) },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('department.bottomRank')}</h2>}>
            {record.bottomRank.length === 0 ? (
              <Empty />
            ) : (
              <Descriptions size="small" column={1}>
                {record.bottomRank.map((outcome) => (
                  <Descriptions.Item key={`${outcome.year}-${outcome.outcome}`} label={outcome.year}>
                    {t(`bottomRankOutcome.${outcome.outcome}`)}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
      {may(session?.role, 'GET /v1/departments/{departmentId}/bad-reviews') && <DepartmentBadReviews departmentId={departmentId} />}
      {may(session?.role, 'GET /v1/rectifications') && <DepartmentRectification departmentId={departmentId} />}
    </Space>
  );
}
