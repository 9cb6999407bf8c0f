import type { DepartmentAccountability } from '../../api/undocumented-answers.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { ChartOption } from '../../shared/chart.tsx';

/** Score and rank of every closed year: score on the left axis (0–100), rank on the right (1 at the top). */
export function rankingChart(rankings: DepartmentAccountability['rankings'], t: Translate): ChartOption {
  const years = rankings.map((ranking) => String(ranking.year));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [t('department.score'), t('department.rank')] },
    grid: { left: 48, right: 48, bottom: 64, top: 48 },
    xAxis: { type: 'category', data: years },
    yAxis: [
      { type: 'value', name: t('department.score'), min: 0, max: 100 },
      { type: 'value', name: t('department.rank'), inverse: true, minInterval: 1, min: 1, max: Math.max(1, ...rankings.map((ranking) => ranking.rankedInCategory)) },
    ],
    series: [
      { name: t('department.score'), type: 'bar', data: rankings.map((ranking) => ranking.score), barMaxWidth: 40, label: { show: true, position: 'top' } },
      { name: t('department.rank'), type: 'line', yAxisIndex: 1, data: rankings.map((ranking) => ranking.rank), label: { show: true } },
    ],
  };
}

/** Ratings per month: the counts of each level stacked, the satisfaction rate (levels 4–5, %) as a line. */
export function monthlyChart(statistics: DepartmentAccountability['statistics'], t: Translate): ChartOption {
  const levels = ['1', '2', '3', '4', '5'] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [...levels.map((level) => t('department.level', { level })), t('department.satisfactionRate')] },
    grid: { left: 48, right: 56, bottom: 64, top: 48 },
    xAxis: { type: 'category', data: statistics.map((month) => month.month) },
    yAxis: [
      { type: 'value', name: t('department.ratings'), minInterval: 1 },
      { type: 'value', name: t('department.satisfactionRate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      ...levels.map((level) => ({
        name: t('department.level', { level }),
        type: 'bar' as const,
        stack: 'levels',
        data: statistics.map((month) => month.counts[level]),
      })),
      {
        name: t('department.satisfactionRate'),
        type: 'line' as const,
        yAxisIndex: 1,
        data: statistics.map((month) => (month.satisfactionRate === null ? null : Math.round(month.satisfactionRate * 10_000) / 100)),
      },
    ],
  };
}

/** The figures of SPEC 11 a department's bad reviews are counted by, in the order the page shows them. */
export const badReviewFigures = ['opened', 'verifiedOnTime', 'justified', 'rectified', 'callbacksSatisfied'] as const;
export type BadReviewFigure = (typeof badReviewFigures)[number];
export type BadReviewMonth = { month: string } & Record<BadReviewFigure, number>;

/** A department's bad reviews per month: each figure a bar beside the others (not stacked: each counts the month's cases). */
export function badReviewChart(months: readonly BadReviewMonth[], t: Translate): ChartOption {
  const name = (figure: BadReviewFigure) => t(`department.badReviews.${figure}`);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: badReviewFigures.map(name) },
    grid: { left: 48, right: 24, bottom: 64, top: 32 },
    xAxis: { type: 'category', data: months.map((month) => month.month) },
    yAxis: { type: 'value', name: t('department.badReviews.cases'), minInterval: 1 },
    series: badReviewFigures.map((figure) => ({ name: name(figure), type: 'bar' as const, data: months.map((month) => month[figure]) })),
  };
}
