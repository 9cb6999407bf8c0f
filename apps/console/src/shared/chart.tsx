import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/**
 * An Apache ECharts chart. Its aria description (ECharts' own, written from the data it draws, in the page's
 * language) is the chart's text for screen readers, and what tests read the drawn values from.
 */
/**
 * Charts here draw values over a category axis: the description names each category and gives its value
 * (dimension 1), not the category's index (0) nor a stack's running sums (2, 3).
 */
export function Chart({ option, title, height = 320, testId }: { option: ChartOption; title: string; height?: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const { locale } = useI18n();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption({ ...option, aria: { enabled: true, label: { general: { withoutTitle: `${title}${locale === 'zh-CN' ? '。' : '. '}` }, data: { maxCount: 1_000, excludeDimensionId: [0, 2, 3] } } } }, true);
  }, [option, title, locale]);

  return <div ref={container} role="img" data-testid={testId} style={{ width: '100%', height }} />;
}
