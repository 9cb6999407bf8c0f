import { Card, Empty, Select, Spin, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { Chart } from '../../shared/chart.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { dayjs, ledgerTimeZone } from '../../shared/time.ts';
import { type BadReviewMonth, badReviewChart, badReviewFigures } from './charts.ts';

/** How many years back the year picker reaches (no route lists the years a department had bad reviews in). */
const yearsShown = 5;

/** The months of a local year the ledger can have counted: all twelve of a past year, up to this month of this one. */
function monthsOf(year: number, today: string): string[] {
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  const last = year < thisYear ? 12 : thisMonth;
  return Array.from({ length: last }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
}

/**
 * A department's page: its bad reviews month by month (SPEC 11: opened, verified on time, justified, rectified,
 * call-backs satisfied), as `GET /v1/departments/{departmentId}/bad-reviews?month=` counts them, in a chart and a table.
 */
export function DepartmentBadReviews({ departmentId }: { departmentId: string }) {
  const { t } = useI18n();
  const today = dayjs().tz(ledgerTimeZone).format('YYYY-MM');
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [months, setMonths] = useState<BadReviewMonth[] | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();

  useEffect(() => {
    setMonths(undefined);
    setProblem(undefined);
    void (async () => {
      try {
        const counted = await Promise.all(
          monthsOf(year, today).map(async (month) =>
            answer(
              'GET /v1/departments/{departmentId}/bad-reviews',
              await api.GET('/v1/departments/{departmentId}/bad-reviews', { params: { path: { departmentId }, query: { month } } }),
            ),
          ),
        );
        setMonths(counted);
      } catch (error) {
        setProblem(problemFromError(error));
      }
    })();
  }, [departmentId, year, today]);

  const option = useMemo(() => badReviewChart(months ?? [], t), [months, t]);
  const title = t('department.badReviews.title');
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
      data-testid="department-bad-reviews"
      extra={
        <Select
          aria-label={t('department.year')}
          size="small"
          value={year}
          onChange={setYear}
          options={Array.from({ length: yearsShown }, (_, index) => ({ value: thisYear - index, label: String(thisYear - index) }))}
        />
      }
    >
      {problem && <ProblemAlert problem={problem} />}
      {!months && !problem && <Spin />}
      {months && months.every((month) => month.opened === 0) && <Empty description={t('department.badReviews.none')} />}
      {months && months.some((month) => month.opened > 0) && (
        <>
          <Chart option={option} title={title} testId="bad-review-chart" />
          <Table<BadReviewMonth>
            rowKey="month"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            data-testid="bad-review-figures"
            dataSource={months.filter((month) => month.opened > 0)}
            columns={[
              { title: t('department.badReviews.month'), dataIndex: 'month' },
              ...badReviewFigures.map((figure) => ({ title: t(`department.badReviews.${figure}`), dataIndex: figure })),
            ]}
          />
        </>
      )}
    </Card>
  );
}
