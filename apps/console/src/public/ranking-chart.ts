import type { Answer } from '../api/client.ts';
import type { paths } from '../api/schema';
import type { Translate } from '../i18n/i18n.tsx';
import type { ChartOption } from '../shared/chart.tsx';
import { tagColors } from '../shared/tag-colors.ts';
import type { DepartmentName } from './public-departments.ts';

type DepartmentCategory = NonNullable<NonNullable<paths['/v1/public/rankings/{year}']['get']['parameters']['query']>['category']>;

/** The categories ranked apart (SPEC 6), in the order the close publishes them. */
export const departmentCategories = ['service-facing', 'party-mass', 'vertical'] as const satisfies readonly DepartmentCategory[];

type RankingItem = Answer<'GET /v1/public/rankings/{year}'>['items'][number];

/**
 * One category's scores, best first (0–100, as published to 2 decimals), the bottom-ranked bars in red, each department
 * by its name. Labels are turned so that a phone's narrow screen shows every department.
 */
export function rankingChart(ranked: readonly RankingItem[], t: Translate, nameOf: DepartmentName): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 12, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ranked.map((item) => nameOf(item.departmentId)), axisLabel: { interval: 0, rotate: ranked.length > 3 ? 40 : 0, width: 96, overflow: 'truncate' } },
    yAxis: { type: 'value', name: t('publicRankings.score'), min: 0, max: 100 },
    series: [
      {
        name: t('publicRankings.score'),
        type: 'bar',
        barMaxWidth: 36,
        label: { show: true, position: 'top', formatter: ({ value }) => Number(value).toFixed(2) },
        data: ranked.map((item) => ({ value: item.score, itemStyle: { color: item.bottom ? tagColors.red : tagColors.blue } })),
      },
    ],
  };
}
