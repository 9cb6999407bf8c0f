import { Card, Empty, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type Answer, answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { localYearOf } from '../../shared/time.ts';
import { type RectificationSummary, useRectificationColumns } from './rectification-columns.tsx';

type DepartmentRate = Answer<'GET /v1/departments/{departmentId}/rectification'>;

/** A department's page: its rectification items (overdue first) and this year's figures; each item opens on the board. */
export function DepartmentRectification({ departmentId }: { departmentId: string }) {
  const { t } = useI18n();
  const columns = useRectificationColumns();
  const [items, setItems] = useState<RectificationSummary[] | undefined>();
  const [rate, setRate] = useState<DepartmentRate | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const year = localYearOf(new Date().toISOString());

  useEffect(() => {
    void (async () => {
      try {
        const all: RectificationSummary[] = [];
        for (let after: string | undefined; ; ) {
          const page = answer('GET /v1/rectifications', await api.GET('/v1/rectifications', { params: { query: { departmentId, limit: 500, ...(after ? { after } : {}) } } }));
          all.push(...page.items);
          if (!page.next) break;
          after = page.next;
        }
        setItems(all.toSorted((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.deadline) - Date.parse(b.deadline)));
        setRate(
          answer(
            'GET /v1/departments/{departmentId}/rectification',
            await api.GET('/v1/departments/{departmentId}/rectification', { params: { path: { departmentId }, query: { year } } }),
          ),
        );
      } catch (error) {
        setProblem(problemFromError(error));
      }
    })();
  }, [departmentId, year]);

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('rect.departmentTitle')}</h2>} data-testid="department-rectification">
      {problem && <ProblemAlert problem={problem} />}
      {rate && (
        <Space size="large" wrap style={{ marginBottom: 16 }}>
          <Typography.Text strong>{year}</Typography.Text>
          <Statistic title={t('rect.opened')} value={rate.opened} />
          <Statistic title={t('rect.verified')} value={rate.verified} />
          <Statistic title={t('rect.verifiedOnTime')} value={rate.verifiedOnTime} />
          <Statistic title={t('rect.overdueCount')} value={rate.overdue} />
          <Statistic title={t('rect.rate')} value={rate.rate === null ? '—' : `${(rate.rate * 100).toFixed(1)}%`} />
        </Space>
      )}
      {items && items.length === 0 && <Empty description={t('rect.none')} />}
      {items && items.length > 0 && (
        <Table<RectificationSummary>
          rowKey="rectificationId"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          dataSource={items}
          columns={columns}
        />
      )}
    </Card>
  );
}
