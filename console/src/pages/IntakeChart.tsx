import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what this chart draws: echarts/core with one chart type and three components.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TierCounts { tier: string; accepted: number; eligible: number; rejected: number }

/** Intake per tier as a bar chart; the same figures are in the table beside it. */
export default function IntakeChart({ data }: { data: TierCounts[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      textStyle: { fontFamily: "'Noto Sans SC', sans-serif" },
      tooltip: { trigger: 'axis' },
      legend: { data: ['已受理', '其中符合条件', '未受理'], top: 4, left: 'center' },
      grid: { left: 40, right: 16, top: 44, bottom: 36 },
      xAxis: { type: 'category', data: data.map((d) => d.tier) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '已受理', type: 'bar', data: data.map((d) => d.accepted), itemStyle: { color: '#0958d9' } },
        { name: '其中符合条件', type: 'bar', data: data.map((d) => d.eligible), itemStyle: { color: '#237804' } },
        { name: '未受理', type: 'bar', data: data.map((d) => d.rejected), itemStyle: { color: '#cf1322' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  const label = data.map((d) => `${d.tier}：已受理 ${d.accepted}，符合条件 ${d.eligible}，未受理 ${d.rejected}`).join('；');
  return <div ref={el} role="img" aria-label={`各梯队收表情况：${label}`} style={{ height: 260, width: '100%' }} />;
}
