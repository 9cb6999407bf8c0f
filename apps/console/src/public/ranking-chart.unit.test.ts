import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.ts';
import { tagColors } from '../shared/tag-colors.ts';
import { rankingChart } from './ranking-chart.ts';

const item = (departmentId: string, rank: number, score: number, bottom: boolean) => ({
  departmentId,
  category: 'service-facing' as const,
  rank,
  score,
  exactScore: String(score),
  grade: 'satisfied' as const,
  bottom,
  vetoed: false,
  weightedScore: score,
  bonusPoints: 0,
  deductionPoints: 0,
  components: [],
  adjustments: [],
});

describe("a category's ranking chart", () => {
  it('draws each department by name in rank order with its published score, the bottom-ranked in red; an unnamed one by id', () => {
    const names: Record<string, string> = { 'tax-hall': '税务大厅' };
    const option = rankingChart([item('tax-hall', 1, 91.25, false), item('land-registry', 2, 50, true)], (key, values) => translate('zh-CN', key, values), (id) => names[id] ?? id);
    expect(option.xAxis).toMatchObject({ data: ['税务大厅', 'land-registry'] });
    const [series] = [option.series].flat();
    expect(series).toMatchObject({
      type: 'bar',
      name: '综合得分',
      data: [
        { value: 91.25, itemStyle: { color: tagColors.blue } },
        { value: 50, itemStyle: { color: tagColors.red } },
      ],
    });
  });
});
