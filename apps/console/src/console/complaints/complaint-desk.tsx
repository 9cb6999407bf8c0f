import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Space, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { answer, api } from '../../api/client.ts';
import type { ComplaintSummary } from '../../api/undocumented-answers.ts';
import { type ComplaintStatus, complaintStatuses } from '../../api/vocabulary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { ChoiceFilter, FilterForm, IdFilter, LoadMoreButton, OverdueOnlyFilter } from '../../shared/list-controls.tsx';
import { type PageRequest, useOverdueFirstList } from '../../shared/overdue-first-list.ts';
import { PageTitleBar } from '../../shared/page-title-bar.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant } from '../../shared/time.ts';
import { ComplaintDetail } from './complaint-detail.tsx';
import { RegisterComplaint } from './register-complaint.tsx';
import { ComplaintStatusTag, OutcomeTag, OverdueTag } from './tags.tsx';

interface Filters {
  departmentId?: string;
  personId?: string;
  status?: ComplaintStatus;
  overdueOnly?: boolean;
}

/**
 * The complaint desk: overdue complaints first (all of them: they are what the desk is for), then the rest page
 * by page, each opening its detail with the workflow steps the signed-in role may take. A department liaison's desk
 * is their own department's (the API answers their list so) with no department filter: they come to explain overdue
 * complaints (SPEC 3.7), the one step the API gives them.
 */
export function ComplaintDesk() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const navigate = useNavigate();
  const { complaintId } = useParams();
  const liaison = session?.role === 'department-liaison';
  const [filters, setFilters] = useState<Filters>({});
  const [registering, setRegistering] = useState(false);

  const fetchPage = useCallback(
    async ({ overdue, after, limit }: PageRequest) => {
      const query = {
        ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
        ...(filters.personId ? { personId: filters.personId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(overdue ? { overdue: 'true' as const } : {}),
        ...(after ? { after } : {}),
        limit,
      };
      return answer('GET /v1/complaints', await api.GET('/v1/complaints', { params: { query } }));
    },
    [filters],
  );
  const { rows, next, loading, problem, load, loadMore } = useOverdueFirstList<ComplaintSummary>({
    fetchPage,
    idOf: (complaint) => complaint.complaintId,
    dueOf: (complaint) => complaint.dueAt ?? complaint.receivedAt,
    overdueOnly: filters.overdueOnly,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitleBar title={t('desk.title')} onReload={() => void load()}>
          {may(session?.role, 'POST /v1/complaints') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('desk.register')}
            </Button>
          )}
        </PageTitleBar>
        {liaison && <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('desk.liaisonNote')} data-testid="liaison-note" />}
        <FilterForm<Filters> name="filters" idFields={['departmentId', 'personId']} onFilter={setFilters}>
          {!liaison && <IdFilter name="departmentId" label={t('desk.department')} />}
          <IdFilter name="personId" label={t('desk.person')} />
          <ChoiceFilter name="status" label={t('desk.status')} width={140} options={complaintStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))} />
          <OverdueOnlyFilter label={t('desk.overdueOnly')} />
        </FilterForm>
      </Card>
      {problem && <ProblemAlert problem={problem} />}
      <Card>
        <Table<ComplaintSummary>
          rowKey="complaintId"
          size="middle"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          data-testid="complaint-list"
          onRow={(complaint) => ({ onClick: () => navigate(`/console/complaints/${complaint.complaintId}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('complaint.id'),
              dataIndex: 'complaintId',
              render: (id: string) => (
                <Typography.Link onClick={() => navigate(`/console/complaints/${id}`)} ellipsis style={{ maxWidth: 160 }}>
                  {id}
                </Typography.Link>
              ),
            },
            {
              title: t('complaint.status'),
              dataIndex: 'status',
              render: (status: ComplaintStatus, complaint) => (
                <Space size={4}>
                  <ComplaintStatusTag status={status} />
                  {complaint.overdue && <OverdueTag />}
                  {complaint.outcome && <OutcomeTag outcome={complaint.outcome} />}
                </Space>
              ),
            },
            { title: t('complaint.channel'), dataIndex: 'channel', render: (channel: ComplaintSummary['channel']) => t(`channel.${channel}`) },
            { title: t('complaint.category'), dataIndex: 'category', render: (category: ComplaintSummary['category']) => t(`category.${category}`) },
            { title: t('complaint.department'), dataIndex: 'departmentId' },
            { title: t('complaint.person'), dataIndex: 'personId', render: (id?: string) => id ?? '—' },
            { title: t('complaint.receivedAt'), dataIndex: 'receivedAt', render: (at: string) => formatInstant(at, locale) },
            { title: t('complaint.dueAt'), dataIndex: 'dueAt', render: (at?: string) => formatInstant(at, locale) },
          ]}
        />
        <LoadMoreButton next={next} onMore={loadMore} />
      </Card>
      <Drawer open={complaintId !== undefined} size={720} onClose={() => navigate('/console/complaints')} title={t('complaint.detailTitle')} destroyOnHidden>
        {complaintId && <ComplaintDetail complaintId={complaintId} onChanged={() => void load()} />}
      </Drawer>
      <RegisterComplaint
        open={registering}
        onClose={() => setRegistering(false)}
        onFiled={(id) => {
          setRegistering(false);
          void load();
          navigate(`/console/complaints/${id}`);
        }}
      />
    </Space>
  );
}
