import { Card, Empty, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Answer, answer, api } from '../api/client.ts';
import { ApiError, type ProblemDetails } from '../api/problem.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { problemFromError } from '../shared/api-form.ts';
import { Chart } from '../shared/chart.tsx';
import { ProblemAlert } from '../shared/problem-alert.tsx';
import { tagColors } from '../shared/tag-colors.ts';
import { dayjs, formatInstant, ledgerTimeZone } from '../shared/time.ts';
import { type DepartmentName, usePublicDepartments } from './public-departments.ts';
import { departmentCategories, rankingChart } from './ranking-chart.ts';

type Ranking = Answer<'GET /v1/public/rankings/{year}'>;
type Accountability = Answer<'GET /v1/public/accountability/{year}'>;
interface PublishedYear {
  ranking: Ranking;
  accountability: Accountability;
}

/** The years a citizen may ask for: this one (a year can be closed before it ends) and the nine before it. */
const yearsOffered = (): number[] => {
  const current = dayjs().tz(ledgerTimeZone).year();
  return Array.from({ length: 10 }, (_, index) => current - index);
};

const notPublished = (error: unknown) => error instanceof ApiError && error.status === 404;

async function publishedYear(year: number): Promise<PublishedYear> {
  const [ranking, accountability] = await Promise.all([
    api.GET('/v1/public/rankings/{year}', { params: { path: { year } } }).then((result) => answer('GET /v1/public/rankings/{year}', result)),
    api.GET('/v1/public/accountability/{year}', { params: { path: { year } } }).then((result) => answer('GET /v1/public/accountability/{year}', result)),
  ]);
  return { ranking, accountability };
}

/** No year asked for: the latest published one (no route lists the closed years, so the recent ones are tried). */
async function latestPublishedYear(years: number[]): Promise<{ year: number; published?: PublishedYear }> {
  for (const year of years) {
    try {
      return { year, published: await publishedYear(year) };
    } catch (error) {
      if (!notPublished(error)) throw error;
    }
  }
  return { year: years[1] ?? years[0]! };
}

/**
 * `/rankings` (SPEC 12): the published ranking of a closed year, category by category, its bottom-ranked
 * departments marked, and the accountability that followed in public (bottom-rank outcomes, public apologies).
 */
export function RankingsPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const years = useMemo(yearsOffered, []);
  const asked = Number(search.get('year')) || undefined;
  const [shown, setShown] = useState<{ year: number; published?: PublishedYear } | undefined>();
  const [problem, setProblem] = useState<ProblemDetails | undefined>();

  useEffect(() => {
    let current = true;
    setProblem(undefined);
    setShown(undefined);
    const load =
      asked === undefined
        ? latestPublishedYear(years)
        : publishedYear(asked).then(
            (published) => ({ year: asked, published }),
            (error: unknown) => {
              if (notPublished(error)) return { year: asked };
              throw error;
            },
          );
    load.then(
      (result) => current && setShown(result),
      (error: unknown) => current && setProblem(problemFromError(error)),
    );
    return () => {
      current = false;
    };
  }, [asked, years]);

  const year = asked ?? shown?.year;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('public.navRankings')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('publicRankings.intro')}</Typography.Paragraph>
        <label htmlFor="ranking-year" style={{ marginRight: 8 }}>
          {t('publicRankings.year')}
        </label>
        <Select
          id="ranking-year"
          data-testid="ranking-year"
          style={{ width: 140 }}
          value={year}
          onChange={(next: number) => setSearch({ year: String(next) })}
          options={[...new Set([...(asked ? [asked] : []), ...years])].toSorted((a, b) => b - a).map((offered) => ({ value: offered, label: t('publicRankings.yearOption', { year: offered }) }))}
        />
      </Card>
      {problem ? (
        <ProblemAlert problem={problem} />
      ) : !shown ? (
        <Spin />
      ) : !shown.published ? (
        <Card data-testid="ranking-not-published">
          <Empty description={t('publicRankings.notPublished', { year: shown.year })} />
        </Card>
      ) : (
        <PublishedRanking year={shown.year} published={shown.published} />
      )}
    </Space>
  );
}

function PublishedRanking({ year, published }: { year: number; published: PublishedYear }) {
  const { t, label } = useI18n();
  const { nameOf } = usePublicDepartments();
  const { items } = published.ranking;
  return (
    <>
      {departmentCategories.map((category) => {
        const ranked = items.filter((item) => item.category === category).toSorted((a, b) => a.rank - b.rank);
        const title = t('publicRankings.categoryTitle', { year, category: label('departmentCategory', category) });
        return (
          <Card key={category} title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{title}</h2>} data-testid={`ranking-${category}`}>
            {ranked.length === 0 ? (
              <Typography.Text type="secondary">{t('publicRankings.emptyCategory')}</Typography.Text>
            ) : (
              <>
                <Chart option={rankingChart(ranked, t, nameOf)} title={title} height={Math.max(220, 120 + ranked.length * 24)} testId={`ranking-chart-${category}`} />
                <Table
                  rowKey="departmentId"
                  size="small"
                  pagination={false}
                  dataSource={ranked}
                  columns={[
                    { title: t('publicRankings.rank'), dataIndex: 'rank', width: 56 },
                    {
                      title: t('publicRankings.department'),
                      dataIndex: 'departmentId',
                      render: (departmentId: string, item) => (
                        <>
                          <div style={{ wordBreak: 'break-all' }}>{nameOf(departmentId)}</div>
                          {item.bottom && (
                            <Tag variant="solid" color={tagColors.red} data-testid="bottom-tag">
                              {t('publicRankings.bottom')}
                            </Tag>
                          )}
                          {item.vetoed && (
                            <Tag variant="solid" color={tagColors.magenta}>
                              {t('publicRankings.vetoed')}
                            </Tag>
                          )}
                        </>
                      ),
                    },
                    { title: t('publicRankings.score'), dataIndex: 'score', width: 72, render: (score: number, item) => <span title={item.exactScore}>{score.toFixed(2)}</span> },
                    { title: t('publicRankings.grade'), dataIndex: 'grade', width: 72, render: (grade: string) => label('grade', grade) },
                  ]}
                />
              </>
            )}
          </Card>
        );
      })}
      <PublicAccountability year={year} accountability={published.accountability} nameOf={nameOf} />
    </>
  );
}

/** What the year's ranking and complaints led to, as published (SPEC 5 and 12): never anything about complainants. */
function PublicAccountability({ year, accountability, nameOf }: { year: number; accountability: Accountability; nameOf: DepartmentName }) {
  const { t, label, locale } = useI18n();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{t('publicRankings.accountability', { year })}</h2>} data-testid="public-accountability">
      <h3 style={{ fontSize: 15 }}>{t('publicRankings.bottomRank')}</h3>
      <List
        size="small"
        dataSource={accountability.bottomRank}
        locale={{ emptyText: t('publicRankings.noBottomRank') }}
        renderItem={(outcome) => (
          <List.Item>
            <span style={{ wordBreak: 'break-all' }}>
              {nameOf(outcome.departmentId)}
              {outcome.leaderName && t('publicRankings.leader', { name: outcome.leaderName })}
            </span>
            <span>{label('bottomRankOutcome', outcome.outcome)}</span>
          </List.Item>
        )}
      />
      <h3 style={{ fontSize: 15, marginTop: 16 }}>{t('publicRankings.apologies')}</h3>
      <List
        size="small"
        dataSource={accountability.apologies}
        locale={{ emptyText: t('publicRankings.noApologies') }}
        renderItem={(apology) => (
          <List.Item>
            <div>
              <div>
                <strong style={{ wordBreak: 'break-all' }}>{nameOf(apology.departmentId)}</strong> · {label('apologyKind', apology.kind)}
              </div>
              <Typography.Text type="secondary">
                {t('publicRankings.apologyMade', { at: formatInstant(apology.madeAt, locale, 'date'), outlet: label('publicOutlet', apology.outlet) })}
              </Typography.Text>
              <div>{apology.reference}</div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
