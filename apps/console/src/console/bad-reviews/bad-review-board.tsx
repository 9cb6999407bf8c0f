import { Card, Drawer, Space, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type Answer, answer, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ChoiceFilter, FilterForm, IdFilter, LoadMoreButton } from '../../shared/list-controls.tsx';
import { type PageRequest, useOverdueFirstList } from '../../shared/overdue-first-list.ts';
import { PageTitleBar } from '../../shared/page-title-bar.tsx';
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

  const fetchPage = useCallback(
    async ({ overdue, after, limit }: PageRequest) => {
      const query = {
        ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        overdue: overdue ? ('true' as const) : ('false' as const),
        ...(after ? { after } : {}),
        limit,
      };
      return answer('GET /v1/bad-reviews', await api.GET('/v1/bad-reviews', { params: { query } }));
    },
    [filters],
  );
  const { rows, next, loading, problem, load, loadMore } = useOverdueFirstList<CaseSummary>({
    fetchPage,
    idOf: (badReview) => badReview.badReviewId,
    dueOf: (badReview) => badReview.verifyBy,
    overdueOnly: false,
  });
  const open = (id: string) => navigate(`/console/bad-reviews/${id}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitleBar title={t('badReview.title')} onReload={() => void load()} />
        <FilterForm<Filters> name="bad-review-filters" idFields={['departmentId']} onFilter={setFilters}>
          {!liaison && <IdFilter name="departmentId" label={t('rect.department')} />}
          <ChoiceFilter name="status" label={t('rect.status')} width={150} options={badReviewStatuses.map((status) => ({ value: status, label: t(`badReviewStatus.${status}`) }))} />
        </FilterForm>
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
        <LoadMoreButton next={next} onMore={loadMore} />
      </Card>
      <Drawer open={badReviewId !== undefined} size={720} onClose={() => navigate('/console/bad-reviews')} title={t('badReview.detailTitle')} destroyOnHidden>
        {badReviewId && <BadReviewDetail badReviewId={badReviewId} onChanged={() => void load()} />}
      </Drawer>
    </Space>
  );
}
