import { Alert, Button, Card, Empty, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { ProblemAlert } from '../shared/problem-alert.tsx';
import { tagColors } from '../shared/tag-colors.ts';
import { formatInstant } from '../shared/time.ts';
import { type ShownBulletin, usePublishedBulletin, usePublishedBulletins } from './published-bulletins.ts';

const atomFeed = '/v1/public/bulletins.atom';
const kindColors = { notice: tagColors.blue, criticism: tagColors.red, praise: tagColors.green } as const;

/** Feed readers and browsers find the Atom feed from the page itself while it is open. */
function useFeedLink(title: string): void {
  useEffect(() => {
    const link = document.createElement('link');
    Object.assign(link, { rel: 'alternate', type: 'application/atom+xml', href: atomFeed, title });
    document.head.append(link);
    return () => link.remove();
  }, [title]);
}

function KindTag({ bulletin }: { bulletin: ShownBulletin }) {
  const { t } = useI18n();
  return (
    <Tag variant="solid" color={kindColors[bulletin.kind]}>
      {t(`publicBulletins.kind.${bulletin.kind}`)}
    </Tag>
  );
}

function CorrectionTags({ bulletin }: { bulletin: ShownBulletin }) {
  const { t } = useI18n();
  return (
    <>
      {bulletin.correctedBy.length > 0 && (
        <Tag variant="solid" color={tagColors.orange} data-testid="corrected-tag">
          {t('publicBulletins.corrected')}
        </Tag>
      )}
      {bulletin.corrects && (
        <Tag variant="solid" color={tagColors.neutral}>
          {t('publicBulletins.correction')}
        </Tag>
      )}
    </>
  );
}

/** `/bulletins` (SPEC 12): the published bulletins, newest first, older ones a page at a time; a corrected one says so. */
export function BulletinsPage() {
  const { t, locale } = useI18n();
  useFeedLink(t('publicBulletins.feed'));
  const { bulletins, more, loading, problem, loadMore } = usePublishedBulletins();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('public.navBulletins')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('publicBulletins.intro')}{' '}
        <a href={atomFeed} data-testid="atom-link" style={{ textDecoration: 'underline' }}>
          {t('publicBulletins.feed')}
        </a>
      </Typography.Paragraph>
      {problem && <ProblemAlert problem={problem} />}
      {!bulletins ? (
        !problem && <Spin />
      ) : bulletins.length === 0 ? (
        <Empty description={t('publicBulletins.none')} />
      ) : (
        <List
          data-testid="bulletins"
          itemLayout="vertical"
          dataSource={bulletins}
          renderItem={(bulletin) => (
            <List.Item key={bulletin.bulletinId} data-testid="bulletin-item">
              <Space size={[4, 4]} wrap>
                <KindTag bulletin={bulletin} />
                <CorrectionTags bulletin={bulletin} />
                <Typography.Text type="secondary">{formatInstant(bulletin.publishedAt, locale, 'date')}</Typography.Text>
              </Space>
              <h2 style={{ fontSize: 16, margin: '8px 0 4px' }}>
                <Link to={`/bulletins/${encodeURIComponent(bulletin.bulletinId)}`}>{bulletin.title}</Link>
              </h2>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                {bulletin.body}
              </Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
      {more && (
        <Button style={{ marginTop: 16 }} loading={loading} onClick={() => void loadMore()} data-testid="bulletins-more">
          {t('publicBulletins.more')}
        </Button>
      )}
    </Card>
  );
}

/** `/bulletins/{bulletinId}`: one bulletin as published, with the bulletin it corrects or the ones correcting it. */
export function BulletinPage() {
  const { t, locale } = useI18n();
  const { bulletinId = '' } = useParams();
  useFeedLink(t('publicBulletins.feed'));
  const { bulletin, unknown, titles, problem } = usePublishedBulletin(bulletinId);
  if (problem) return <ProblemAlert problem={problem} />;
  if (unknown) {
    return (
      <Result
        status="warning"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('publicBulletins.unknown')}</h1>}
        extra={<Link to="/bulletins">{t('publicBulletins.back')}</Link>}
      />
    );
  }
  if (!bulletin) return <Spin />;
  const linkTo = (id: string) => <Link to={`/bulletins/${encodeURIComponent(id)}`}>{titles.get(id) ?? id}</Link>;
  return (
    <Card>
      <Link to="/bulletins">{t('publicBulletins.back')}</Link>
      <Space size={[4, 4]} wrap style={{ display: 'flex', marginTop: 12 }}>
        <KindTag bulletin={bulletin} />
        <CorrectionTags bulletin={bulletin} />
      </Space>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 8 }}>
        {bulletin.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicBulletins.publishedAt', { at: formatInstant(bulletin.publishedAt, locale) })}</Typography.Paragraph>
      {bulletin.correctedBy.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="corrected-notice"
          title={t('publicBulletins.correctedNotice')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {bulletin.correctedBy.map((id) => (
                <li key={id}>{linkTo(id)}</li>
              ))}
            </ul>
          }
        />
      )}
      {bulletin.corrects && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="corrects-notice" title={t('publicBulletins.correctsNotice')} description={linkTo(bulletin.corrects)} />
      )}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }} data-testid="bulletin-body">
        {bulletin.body}
      </Typography.Paragraph>
      {bulletin.subjects.length > 0 && (
        <>
          <h2 style={{ fontSize: 15 }}>{t('publicBulletins.subjects')}</h2>
          <ul style={{ paddingInlineStart: 20 }} data-testid="bulletin-subjects">
            {bulletin.subjects.map((subject) => (
              <li key={`${subject.departmentId ?? ''}/${subject.personId ?? ''}`} style={{ wordBreak: 'break-all' }}>
                {subject.departmentId && t('publicBulletins.subjectDepartment', { name: subject.departmentName ?? subject.departmentId })}
                {subject.departmentId && subject.personId && '，'}
                {subject.personId && t('publicBulletins.subjectPerson', { name: subject.personName ?? subject.personId })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
