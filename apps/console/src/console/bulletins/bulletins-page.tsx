import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { type Answer, answer, api } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApiForm } from '../../shared/api-form.ts';
import { usePageLoad } from '../../shared/page-load.ts';
import { PageTitleBar } from '../../shared/page-title-bar.tsx';
import { ProblemAlert } from '../../shared/problem-alert.tsx';
import { tagColors } from '../../shared/tag-colors.ts';
import { formatInstant } from '../../shared/time.ts';

type Bulletin = Answer<'GET /v1/public/bulletins'>['items'][number];
type BulletinKind = paths['/v1/bulletins']['post']['requestBody']['content']['application/json']['kind'];
const kinds = ['notice', 'criticism', 'praise'] as const satisfies readonly BulletinKind[];
const kindColors: Record<BulletinKind, string> = { notice: tagColors.blue, criticism: tagColors.red, praise: tagColors.green };

/** A subject as the registry names it now (by id when it no longer does): a person after their department. */
const subjectName = (subject: Bulletin['subjects'][number]) =>
  [subject.departmentName ?? subject.departmentId, subject.personName ?? subject.personId].filter(Boolean).join(' ');

interface PublishValues {
  kind: BulletinKind;
  title: string;
  body: string;
  departmentIds?: string[];
  personIds?: string[];
}

/**
 * The evaluation office's bulletins (SPEC 12): publish one, and correct one by publishing another that names it
 * (a published bulletin never changes). The list is the public one, as everyone reads it: newest first, its
 * subjects by name.
 */
export function BulletinsPage() {
  const { t, locale } = useI18n();
  const [bulletins, setBulletins] = useState<Bulletin[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [composing, setComposing] = useState<{ corrects?: Bulletin } | undefined>();

  const fetchBulletins = useCallback(async (after?: string) => {
    const page = answer('GET /v1/public/bulletins', await api.GET('/v1/public/bulletins', { params: { query: { order: 'newest', limit: 50, ...(after ? { after } : {}) } } }));
    setBulletins((shown) => (after ? [...shown, ...page.items] : page.items));
    setNext(page.next);
  }, []);
  const { load, loading, problem } = usePageLoad(fetchBulletins);

  // The ledger's `correctedBy`, and the corrections on the page (one just published may be ahead of the projection).
  const corrected = new Set(bulletins.flatMap((bulletin) => [...(bulletin.corrects ? [bulletin.corrects] : []), ...(bulletin.correctedBy ? [bulletin.bulletinId] : [])]));
  const titleOf = (id: string) => bulletins.find((bulletin) => bulletin.bulletinId === id)?.title ?? id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitleBar title={t('bulletin.title')} onReload={() => void load()}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setComposing({})} data-action="publish-bulletin">
            {t('bulletin.publish')}
          </Button>
        </PageTitleBar>
      </Card>
      {problem && <ProblemAlert problem={problem} />}
      <Card>
        <List<Bulletin>
          itemLayout="vertical"
          loading={loading}
          dataSource={bulletins}
          data-testid="bulletin-list"
          renderItem={(bulletin) => (
            <List.Item
              key={bulletin.bulletinId}
              data-testid={`bulletin-${bulletin.bulletinId}`}
              actions={[
                <Button key="correct" size="small" onClick={() => setComposing({ corrects: bulletin })} data-action="correct">
                  {t('bulletin.correct')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag variant="solid" color={kindColors[bulletin.kind]}>
                      {t(`bulletinKind.${bulletin.kind}`)}
                    </Tag>
                    <span>{bulletin.title}</span>
                    {corrected.has(bulletin.bulletinId) && (
                      <Tag variant="solid" color={tagColors.neutral}>
                        {t('bulletin.correctedBy')}
                      </Tag>
                    )}
                  </Space>
                }
                description={
                  <>
                    {t('bulletin.publishedAt')} {formatInstant(bulletin.publishedAt, locale)}
                    {bulletin.subjects.length > 0 &&
                      ` · ${t('bulletin.subjects')} ${bulletin.subjects.map(subjectName).join('、')}`}
                    {bulletin.corrects && ` · ${t('bulletin.corrects')}「${titleOf(bulletin.corrects)}」`}
                  </>
                }
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{bulletin.body}</Typography.Paragraph>
            </List.Item>
          )}
        />
        {next && (
          <Button style={{ marginTop: 16 }} onClick={() => void load(next)}>
            {t('desk.more')}
          </Button>
        )}
      </Card>
      {composing && (
        <PublishBulletin
          corrects={composing.corrects}
          onClose={() => setComposing(undefined)}
          onPublished={() => {
            setComposing(undefined);
            void load();
          }}
        />
      )}
    </Space>
  );
}

function PublishBulletin({ corrects, onClose, onPublished }: { corrects?: Bulletin; onClose(): void; onPublished(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const initial = useRef<Partial<PublishValues>>(
    corrects
      ? {
          kind: corrects.kind,
          title: corrects.title,
          body: corrects.body,
          departmentIds: corrects.subjects.flatMap((subject) => (subject.departmentId ? [subject.departmentId] : [])),
          personIds: corrects.subjects.flatMap((subject) => (subject.personId ? [subject.personId] : [])),
        }
      : { kind: 'notice' },
  );
  const { submit, pending, formProblem } = useApiForm(
    form,
    ['kind', 'title', 'body', 'subjects'],
    async (values: PublishValues, idempotencyKey) =>
      answer(
        'POST /v1/bulletins',
        await api.POST('/v1/bulletins', {
          headers: { 'idempotency-key': idempotencyKey },
          body: {
            kind: values.kind,
            title: values.title.trim(),
            body: values.body.trim(),
            subjects: [...(values.departmentIds ?? []).map((departmentId) => ({ departmentId })), ...(values.personIds ?? []).map((personId) => ({ personId }))],
            ...(corrects ? { corrects: corrects.bulletinId } : {}),
          },
        }),
      ),
    () => {
      void message.success(t('bulletin.published'));
      onPublished();
    },
  );
  return (
    <Modal open title={t(corrects ? 'bulletin.correctTitle' : 'bulletin.publish')} onCancel={onClose} footer={null} destroyOnHidden width={680}>
      <Form form={form} name="publish-bulletin" layout="vertical" onFinish={submit} initialValues={initial.current}>
        {corrects && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('bulletin.correctsNote', { id: corrects.title })} />}
        <Form.Item name="kind" label={t('bulletin.kind')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group options={kinds.map((kind) => ({ value: kind, label: t(`bulletinKind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('bulletin.heading')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 500, message: t('form.tooLong', { max: 500 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('bulletin.body')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('bulletin.departments')} extra={t('bulletin.subjectsHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="personIds" label={t('bulletin.people')} extra={t('bulletin.subjectsHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        {formProblem && <ProblemAlert problem={formProblem.problem} unplaced={formProblem.unplaced} />}
        <Button type="primary" htmlType="submit" loading={pending} block style={{ marginTop: 16 }}>
          {t('bulletin.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
