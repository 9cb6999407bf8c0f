import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Space, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type Answer, answer, api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { ChoiceFilter, FilterForm, IdFilter, LoadMoreButton, OverdueOnlyFilter } from '../../shared/list-controls.tsx';
import { type PageRequest, useOverdueFirstList } from '../../shared/overdue-first-list.ts';
import { PageTitleBar } from '../../shared/page-title-bar.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant, localYearOf } from '../../shared/time.ts';
import { OpenRectification } from './open-rectification.tsx';
import { type RectificationSummary, useRectificationColumns } from './rectification-columns.tsx';
import { RectificationDetail } from './rectification-detail.tsx';
import { type RectificationSourceKind, type RectificationStatus, rectificationSources, rectificationStatuses } from './rectification-vocabulary.ts';

type DepartmentRate = Answer<'GET /v1/departments/{departmentId}/rectification'>;
interface Filters {
  departmentId?: string;
  status?: RectificationStatus;
  source?: RectificationSourceKind;
  overdueOnly?: boolean;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
/** The rates shown: those of the departments on the board, up to this many (one call each). */
const ratedDepartments = 20;

/**
 * SPEC 10's rectification board: overdue items first (all of them), then the rest page by page; this year's
 * completion rate of the departments on the board; each item opens with the steps the role may take. A liaison's
 * list is their own department's: the API answers it so, and the board offers no department filter.
 */
export function RectificationBoard() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const itemColumns = useRectificationColumns();
  const { rectificationId } = useParams();
  const liaison = session?.role === 'department-liaison';
  const [filters, setFilters] = useState<Filters>({});
  const [rates, setRates] = useState<DepartmentRate[]>([]);
  const [opening, setOpening] = useState(false);
  const year = localYearOf(new Date().toISOString());

  const fetchPage = useCallback(
    async ({ overdue, after, limit }: PageRequest) => {
      const query = {
        ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.source ? { source: filters.source } : {}),
        overdue: overdue ? ('true' as const) : ('false' as const),
        ...(after ? { after } : {}),
        limit,
      };
      return answer('GET /v1/rectifications', await api.GET('/v1/rectifications', { params: { query } }));
    },
    [filters],
  );
  const loadRates = useCallback(
    async (shown: readonly RectificationSummary[]) => {
      const departments = [...new Set([...(filters.departmentId ? [filters.departmentId] : []), ...shown.map((item) => item.departmentId)])].slice(0, ratedDepartments);
      setRates(
        await Promise.all(
          departments.map(async (departmentId) =>
            answer(
              'GET /v1/departments/{departmentId}/rectification',
              await api.GET('/v1/departments/{departmentId}/rectification', { params: { path: { departmentId }, query: { year } } }),
            ),
          ),
        ),
      );
    },
    [filters.departmentId, year],
  );
  const { rows, next, loading, problem, load, loadMore } = useOverdueFirstList<RectificationSummary>({
    fetchPage,
    idOf: (item) => item.rectificationId,
    dueOf: (item) => item.deadline,
    overdueOnly: filters.overdueOnly,
    afterLoad: loadRates,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitleBar title={t('rect.title')} onReload={() => void load()}>
          {may(session?.role, 'POST /v1/rectifications') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-action="open-rectification">
              {t('rect.open')}
            </Button>
          )}
        </PageTitleBar>
        <FilterForm<Filters> name="rectification-filters" idFields={['departmentId']} onFilter={setFilters}>
          {!liaison && <IdFilter name="departmentId" label={t('rect.department')} />}
          <ChoiceFilter name="status" label={t('rect.status')} width={150} options={rectificationStatuses.map((status) => ({ value: status, label: t(`rectStatus.${status}`) }))} />
          <ChoiceFilter name="source" label={t('rect.source')} width={130} options={rectificationSources.map((kind) => ({ value: kind, label: t(`rectSource.${kind}`) }))} />
          <OverdueOnlyFilter label={t('rect.overdueOnly')} />
        </FilterForm>
      </Card>
      {problem && <ProblemAlert problem={problem} />}
      {rates.length > 0 && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('rect.rateTitle', { year })}</h2>}>
          <Table<DepartmentRate>
            rowKey="departmentId"
            size="small"
            pagination={false}
            dataSource={rates}
            data-testid="rectification-rates"
            columns={[
              { title: t('rect.department'), dataIndex: 'departmentId' },
              { title: t('rect.opened'), dataIndex: 'opened' },
              { title: t('rect.verified'), dataIndex: 'verified' },
              { title: t('rect.verifiedOnTime'), dataIndex: 'verifiedOnTime' },
              { title: t('rect.overdueCount'), dataIndex: 'overdue' },
              { title: t('rect.rate'), dataIndex: 'rate', render: (rate: number | null) => <strong>{percent(rate)}</strong> },
            ]}
          />
        </Card>
      )}
      <Card>
        <Table<RectificationSummary>
          rowKey="rectificationId"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          data-testid="rectification-list"
          onRow={(item) => ({ onClick: () => navigate(`/console/rectification/${item.rectificationId}`), style: { cursor: 'pointer' } })}
          columns={[
            ...itemColumns,
            { title: t('rect.department'), dataIndex: 'departmentId' },
            { title: t('rect.source'), dataIndex: 'source', render: (source: RectificationSummary['source']) => t(`rectSource.${source.kind}`) },
            { title: t('rect.openedAt'), dataIndex: 'openedAt', render: (at: string) => formatInstant(at, locale, 'date') },
          ]}
        />
        <LoadMoreButton next={next} onMore={loadMore} />
      </Card>
      <Drawer open={rectificationId !== undefined} size={720} onClose={() => navigate('/console/rectification')} title={t('rect.detailTitle')} destroyOnHidden>
        {rectificationId && <RectificationDetail rectificationId={rectificationId} onChanged={() => void load()} />}
      </Drawer>
      {opening && (
        <OpenRectification
          onClose={() => setOpening(false)}
          onOpened={(id) => {
            setOpening(false);
            void load();
            navigate(`/console/rectification/${id}`);
          }}
        />
      )}
    </Space>
  );
}
