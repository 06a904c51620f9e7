import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws: bars (stacked by tier) and nothing else from ECharts.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StackedBars {
  title: string;
  categories: string[];
  /** One series per tier: its name and a count per category. */
  series: Array<{ name: string; data: number[] }>;
}

const COLORS = ['#0958d9', '#237804', '#ad4e00'];

/** A bar chart stacked by tier; the same figures are in its aria-label (and the pool's table). */
export default function DashboardChart({ chart }: { chart: StackedBars }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    c.setOption({
      animation: false,
      textStyle: { fontFamily: "'Noto Sans SC', sans-serif" },
      tooltip: { trigger: 'axis' },
      legend: { data: chart.series.map((s) => s.name), top: 4, left: 'center' },
      grid: { left: 36, right: 12, top: 40, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: chart.series.map((s, i) => ({ name: s.name, type: 'bar', stack: 'tier', data: s.data, itemStyle: { color: COLORS[i % COLORS.length] } })),
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, [chart]);
  const label = chart.categories.map((cat, i) => `${cat}：${chart.series.map((s) => `${s.name} ${s.data[i] ?? 0} 人`).join('，')}`).join('；');
  return <div ref={el} role="img" aria-label={`${chart.title}：${label}`} style={{ height: 260, width: '100%' }} />;
}
