import type { AdminDashboardCharts } from '@insignia/contract';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { formatUsd, plural } from '../common/format.ts';
import { ChartCard } from './chart-card.tsx';
import { chartColors, levelColor } from './chart-colors.ts';

const axis = { fontSize: 12, fill: chartColors.axis };
/** Horizontal bars: level names sit on the Y axis, readable at any width. */
const heightFor = (rows: number) => ({ width: '100%', height: 48 + rows * 34 });
const levelMargin = { top: 4, right: 16, bottom: 0, left: 0 };

/** A bar in its level's colour. */
function LevelBar(props: BarShapeProps) {
  const level = (props.payload as { level?: number } | undefined)?.level ?? 0;
  return <Rectangle {...props} fill={levelColor(level)} />;
}

/** Traders by the level NFT they hold, one coloured bar per level. */
export function PeoplePerLevelChart({ charts }: { charts: AdminDashboardCharts }) {
  const levels = charts.levels;
  const people = levels.reduce((sum, l) => sum + l.holders, 0);
  const withLevel = people - (levels.find((l) => l.level === 0)?.holders ?? 0);
  const top = [...levels].filter((l) => l.level > 0).sort((a, b) => b.holders - a.holders)[0];
  return (
    <ChartCard
      title="People per level"
      testId="chart-people-per-level"
      figures={[
        { value: people.toLocaleString(), label: 'traders' },
        { value: withLevel.toLocaleString(), label: 'hold a level NFT' },
        ...(top && top.holders > 0 ? [{ value: top.name, label: 'most held level' }] : []),
      ]}
      description={`Traders per level: ${levels.map((l) => `${l.name} ${l.holders}`).join(', ')}.`}
      table={{ columns: ['Level', 'People'], rows: levels.map((l) => [l.name, l.holders]) }}
    >
      <BarChart
        responsive
        layout="vertical"
        style={heightFor(levels.length)}
        data={levels}
        margin={levelMargin}
      >
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis type="number" allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
        <YAxis
          type="category"
          dataKey="name"
          tick={axis}
          tickLine={false}
          axisLine={false}
          width={92}
          interval={0}
        />
        <Tooltip
          cursor={{ fill: '#f1f3f7' }}
          formatter={(v) => [plural(Number(v), 'person', 'people'), 'Holding']}
        />
        <Bar dataKey="holders" name="People" radius={[0, 6, 6, 0]} maxBarSize={22} shape={LevelBar} />
      </BarChart>
    </ChartCard>
  );
}

/** Per level, the people for whom it is next: almost there, and already there by volume. */
export function CloseToNextLevelChart({ charts }: { charts: AdminDashboardCharts }) {
  const levels = charts.levels.filter((l) => l.level > 0);
  const close = levels.reduce((sum, l) => sum + l.close, 0);
  const ready = levels.reduce((sum, l) => sum + l.ready, 0);
  const share = Math.round(charts.closeShare * 100);
  return (
    <ChartCard
      title="Close to the next level"
      testId="chart-close-to-next"
      figures={[
        { value: close.toLocaleString(), label: `close (${share} %+ of the volume)` },
        { value: ready.toLocaleString(), label: 'volume reached' },
      ]}
      description={`People whose next level is: ${levels.map((l) => `${l.name} ${l.close} close and ${l.ready} reached`).join(', ')}.`}
      note={
        <>
          Close: trading volume is at least {share} % of the next level’s minimum. Reached: the volume is
          there, the unlock or upgrade is not (yet).
        </>
      }
      table={{
        columns: ['Next level', 'Minimum', 'Close', 'Reached'],
        rows: levels.map((l) => [l.name, formatUsd(l.minVolumeUsd), l.close, l.ready]),
      }}
    >
      <BarChart
        responsive
        layout="vertical"
        style={heightFor(levels.length + 1)}
        data={levels}
        margin={levelMargin}
      >
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis type="number" allowDecimals={false} tick={axis} tickLine={false} axisLine={false} />
        <YAxis
          type="category"
          dataKey="name"
          tick={axis}
          tickLine={false}
          axisLine={false}
          width={92}
          interval={0}
        />
        <Tooltip cursor={{ fill: '#f1f3f7' }} />
        <Legend iconType="circle" itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="close" name="Close" stackId="next" fill={chartColors.amber} maxBarSize={22} />
        <Bar
          dataKey="ready"
          name="Reached"
          stackId="next"
          fill={chartColors.green}
          radius={[0, 6, 6, 0]}
          maxBarSize={22}
        />
      </BarChart>
    </ChartCard>
  );
}
