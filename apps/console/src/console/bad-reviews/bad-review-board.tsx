import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type Answer, answer, api } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant } from '../../shared/time.ts';
import { BadReviewDetail, BadReviewStatusTag } from './bad-review-detail.tsx';
import { badReviewStatuses } from './bad-review-steps.tsx';

type CaseSummary = Answer<'GET /v1/bad-reviews'>['items'][number];
type Status = (typeof badReviewStatuses)[number];
interface Filters {
  departmentId?: string;
  status?: Status;
}
const pageSize = 50;

/**
 * SPEC 11's bad-review cases: overdue cases first (all of them, nearest verify-by first), then the rest page by
 * page; each case opens with the steps the role may take. A liaison's list is their own department's (the API
 * answers it so), and the page offers them no department filter.
 */
export function BadReviewBoard() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const { badReviewId } = useParams();
  const liaison = session?.role === 'department-liaison';
  const [filters, setFilters] = useState<Filters>({});
  const [overdue, setOverdue] = useState<CaseSummary[]>([]);
  const [others, setOthers] = useState<CaseSummary[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | undefined>();

  const query = useCallback(
    (extra: { overdue: 'true' | 'false'; after?: string; limit: number }) => ({
      ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...extra,
    }),
    [filters],
  );

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(undefined);
    try {
      const late: CaseSummary[] = [];
      for (let after: string | undefined; ; ) {
        const page = answer('GET /v1/bad-reviews', await api.GET('/v1/bad-reviews', { params: { query: query({ overdue: 'true', limit: 500, ...(after ? { after } : {}) }) } }));
        late.push(...page.items);
        if (!page.next) break;
        after = page.next;
      }
      setOverdue(late);
      const page = answer('GET /v1/bad-reviews', await api.GET('/v1/bad-reviews', { params: { query: query({ overdue: 'false', limit: pageSize }) } }));
      setOthers(page.items);
      setNext(page.next);
    } catch (error) {
      setProblem(problemFromError(error));
    } finally {
      setLoading(false);
    }
  }, [query]);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = answer('GET /v1/bad-reviews', await api.GET('/v1/bad-reviews', { params: { query: query({ overdue: 'false', limit: pageSize, after: next }) } }));
      setOthers((shown) => [...shown, ...page.items]);
      setNext(page.next);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  useEffect(() => {
    void load();
  }, [load]);

  const lateIds = new Set(overdue.map((badReview) => badReview.badReviewId));
  const rows = [...overdue.toSorted((a, b) => Date.parse(a.verifyBy) - Date.parse(b.verifyBy)), ...others.filter((badReview) => !lateIds.has(badReview.badReviewId))];
  const open = (id: string) => navigate(`/console/bad-reviews/${id}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('badReview.title')}
          </Typography.Title>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('desk.reload')}
          </Button>
        </Space>
        <Form<Filters> name="bad-review-filters" layout="inline" style={{ marginTop: 16, rowGap: 8 }} onFinish={(values) => setFilters({ ...values, departmentId: values.departmentId?.trim() || undefined })}>
          {!liaison && (
            <Form.Item name="departmentId" label={t('rect.department')}>
              <Input allowClear style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="status" label={t('rect.status')}>
            <Select allowClear style={{ width: 150 }} options={badReviewStatuses.map((status) => ({ value: status, label: t(`badReviewStatus.${status}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('desk.filter')}
          </Button>
        </Form>
      </Card>
      {problem && <ProblemAlert problem={problem} />}
      <Card>
        <Table<CaseSummary>
          rowKey="badReviewId"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          data-testid="bad-review-list"
          onRow={(badReview) => ({ onClick: () => open(badReview.badReviewId), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('badReview.transaction'),
              dataIndex: 'transactionId',
              render: (transactionId: string, badReview) => <Typography.Link onClick={() => open(badReview.badReviewId)}>{transactionId}</Typography.Link>,
            },
            { title: t('rect.status'), dataIndex: 'status', render: (_: Status, badReview) => <BadReviewStatusTag badReview={badReview} /> },
            { title: t('badReview.verifyBy'), dataIndex: 'verifyBy', render: (at: string) => formatInstant(at, locale) },
            { title: t('badReview.level'), dataIndex: 'level' },
            { title: t('rect.department'), dataIndex: 'departmentId' },
            { title: t('rect.responsible'), dataIndex: 'personId', render: (id?: string) => id ?? '—' },
            { title: t('badReview.ratedAt'), dataIndex: 'ratedAt', render: (at: string) => formatInstant(at, locale, 'date') },
          ]}
        />
        {next && (
          <Button style={{ marginTop: 16 }} onClick={() => void loadMore()}>
            {t('desk.more')}
          </Button>
        )}
      </Card>
      <Drawer open={badReviewId !== undefined} size={720} onClose={() => navigate('/console/bad-reviews')} title={t('badReview.detailTitle')} destroyOnHidden>
        {badReviewId && <BadReviewDetail badReviewId={badReviewId} onChanged={() => void load()} />}
      </Drawer>
    </Space>
  );
}
