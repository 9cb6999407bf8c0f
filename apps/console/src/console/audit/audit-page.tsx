import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Statistic, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type Answer, answer, api, newIdempotencyKey } from '../../api/client.ts';
import type { ProblemDetails } from '../../api/problem.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { may } from '../../session/access.ts';
import { useSession } from '../../session/session.tsx';
import { problemFromError } from '../../shared/api-form.ts';
import { usePageLoad } from '../../shared/page-load.ts';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { formatInstant } from '../../shared/time.ts';
import { type CheckpointView, parseCheckpoint } from './checkpoint.ts';

type HistoryRead = Answer<'GET /v1/audit/history-reads'>['items'][number];
type ReplayReport = Answer<'POST /v1/ledger/replays'>;
/** What a replay with `compare` adds to its report (the route's description names it; the schema leaves the report open). */
interface Comparison {
  equal: boolean;
  documents: number;
  differences: Array<{ projection: string; collection: string; id: string; kind: 'only-live' | 'only-replayed' | 'changed'; fields?: Array<{ path: string }> }>;
}
const comparisonOf = (report: ReplayReport): Comparison | undefined => (report as { comparison?: Comparison }).comparison;

/** SPEC 13's auditor's page: the latest signed checkpoint, a verification run with its result, the recorded reads. */
export function AuditPage() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
      </Card>
      <LatestCheckpoint />
      <VerificationRun />
      <RecordedReads />
    </Space>
  );
}

function LatestCheckpoint() {
  const { t } = useI18n();
  const { session } = useSession();
  const [checkpoint, setCheckpoint] = useState<CheckpointView | undefined | 'none'>();
  const [note, setNote] = useState<string | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const [signing, setSigning] = useState(false);

  const load = useCallback(async () => {
    setProblem(undefined);
    try {
      const result = await api.GET('/v1/ledger/checkpoint', { parseAs: 'text' });
      if (result.response.status === 404) return setCheckpoint('none');
      answer('GET /v1/ledger/checkpoint', result);
      setCheckpoint(parseCheckpoint(result.data ?? '') ?? 'none');
    } catch (error) {
      setProblem(problemFromError(error));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const sign = async () => {
    setSigning(true);
    setProblem(undefined);
    try {
      const result = await api.POST('/v1/ledger/checkpoint', { parseAs: 'text', headers: { 'idempotency-key': newIdempotencyKey() } });
      answer('POST /v1/ledger/checkpoint', result);
      const signed = parseCheckpoint(result.data ?? '');
      setNote(result.response.status === 201 && signed ? t('audit.signed', { size: signed.size }) : t('audit.unchanged'));
      await load();
    } catch (error) {
      setProblem(problemFromError(error));
    } finally {
      setSigning(false);
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.checkpoint')}</h2>}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('desk.reload')}
          </Button>
          {may(session?.role, 'POST /v1/ledger/checkpoint') && (
            <Button onClick={() => void sign()} loading={signing} data-action="sign-checkpoint">
              {t('audit.signNow')}
            </Button>
          )}
        </Space>
      }
    >
      {problem && <ProblemAlert problem={problem} />}
      {note && <Alert type="success" showIcon title={note} style={{ marginBottom: 16 }} data-testid="checkpoint-note" />}
      {checkpoint === 'none' && <Typography.Text type="secondary">{t('audit.noCheckpoint')}</Typography.Text>}
      {checkpoint && checkpoint !== 'none' && (
        <Descriptions bordered size="small" column={1} data-testid="checkpoint">
          <Descriptions.Item label={t('audit.origin')}>{checkpoint.origin}</Descriptions.Item>
          <Descriptions.Item label={t('audit.size')}>
            <span data-testid="checkpoint-size">{checkpoint.size}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.root')}>
            <Typography.Text code copyable>
              {checkpoint.root}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.signatures')}>
            {checkpoint.signatures.map((signature) => (
              <div key={signature.signature}>
                {signature.name} <Typography.Text code>{signature.signature.slice(0, 16)}…</Typography.Text>
              </div>
            ))}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function VerificationRun() {
  const { t, label } = useI18n();
  const [report, setReport] = useState<ReplayReport | undefined>();
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | undefined>();
  const run = async () => {
    setRunning(true);
    setProblem(undefined);
    setReport(undefined);
    try {
      setReport(answer('POST /v1/ledger/replays', await api.POST('/v1/ledger/replays', { body: { compare: true }, headers: { 'idempotency-key': newIdempotencyKey() } })));
    } catch (error) {
      setProblem(problemFromError(error));
    } finally {
      setRunning(false);
    }
  };
  const comparison = report ? comparisonOf(report) : undefined;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.verifyTitle')}</h2>}
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={() => void run()} data-action="run-verification">
          {t('audit.runVerify')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('audit.verifyIntro')}</Typography.Paragraph>
      {problem && <ProblemAlert problem={problem} />}
      {report && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="verification">
          {comparison && (
            <Alert
              type={comparison.equal ? 'success' : 'error'}
              showIcon
              data-testid="verification-result"
              title={comparison.equal ? t('audit.verifyOk') : t('audit.verifyFailed', { count: comparison.differences.length })}
            />
          )}
          <Space size="large" wrap>
            <Statistic title={t('audit.head')} value={report.head} />
            <Statistic title={t('audit.events')} value={report.events} />
            {comparison && <Statistic title={t('audit.documents')} value={comparison.documents} />}
            <Statistic title={t('audit.deadLetters')} value={report.deadLetters.length} />
          </Space>
          {comparison && comparison.differences.length > 0 && (
            <Table
              rowKey={(difference) => `${difference.collection}/${difference.id}`}
              size="small"
              pagination={{ pageSize: 20 }}
              dataSource={comparison.differences}
              columns={[
                { title: t('audit.projection'), dataIndex: 'projection' },
                { title: t('audit.collection'), dataIndex: 'collection' },
                { title: t('audit.documentId'), dataIndex: 'id' },
                { title: t('audit.difference'), dataIndex: 'kind', render: (kind: string) => label('auditDiff', kind) },
                { title: t('audit.fields'), dataIndex: 'fields', render: (fields?: Array<{ path: string }>) => fields?.map((field) => field.path).join(', ') ?? '—' },
              ]}
            />
          )}
          <Table
            rowKey="projection"
            size="small"
            pagination={false}
            dataSource={report.readModels}
            columns={[
              { title: t('audit.projection'), dataIndex: 'projection' },
              { title: t('audit.applied'), dataIndex: 'applied' },
              {
                title: t('audit.documents'),
                dataIndex: 'documents',
                render: (documents: Record<string, number>) =>
                  Object.entries(documents)
                    .map(([collection, count]) => `${collection} ${count}`)
                    .join('、'),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

interface ReadFilters {
  personId?: string;
  reader?: string;
}

function RecordedReads() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<ReadFilters>({});
  const [reads, setReads] = useState<HistoryRead[]>([]);
  const [next, setNext] = useState<string | undefined>();

  const fetchReads = useCallback(
    async (after?: string) => {
      const query = { limit: 100, ...(filters.personId ? { personId: filters.personId } : {}), ...(filters.reader ? { reader: filters.reader } : {}), ...(after ? { after } : {}) };
      const page = answer('GET /v1/audit/history-reads', await api.GET('/v1/audit/history-reads', { params: { query } }));
      setReads((shown) => (after ? [...shown, ...page.items] : page.items));
      setNext(page.next);
    },
    [filters],
  );
  const { load, loading, problem } = usePageLoad(fetchReads);

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.readsTitle')}</h2>}>
      <Form<ReadFilters> name="read-filters" layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(values) => setFilters({ personId: values.personId?.trim() || undefined, reader: values.reader?.trim() || undefined })}>
        <Form.Item name="personId" label={t('audit.personId')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="reader" label={t('audit.reader')}>
          <Input allowClear style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.search')}
        </Button>
      </Form>
      {problem && <ProblemAlert problem={problem} />}
      <Table<HistoryRead>
        rowKey={(read) => `${read.at} ${read.reader} ${read.personId}`}
        size="middle"
        loading={loading}
        dataSource={reads}
        pagination={false}
        scroll={{ x: true }}
        data-testid="history-reads"
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatInstant(at, locale, 'second') },
          { title: t('audit.reader'), dataIndex: 'reader' },
          { title: t('audit.personId'), dataIndex: 'personId' },
          { title: t('audit.reason'), dataIndex: 'reason', render: (reason?: string) => reason ?? '—' },
          { title: t('audit.asOf'), dataIndex: 'asOf', render: (asOf?: string) => (asOf ? formatInstant(asOf, locale, 'second') : '—') },
        ]}
      />
      {next && (
        <Button style={{ marginTop: 16 }} onClick={() => void load(next)}>
          {t('desk.more')}
        </Button>
      )}
    </Card>
  );
}
