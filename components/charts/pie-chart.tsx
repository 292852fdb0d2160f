"use client";

import { Cell, Legend, Pie, PieChart } from "recharts";
import type { ChartDatum } from "./bar-chart";
import { CHART_COLOURS, MUTED_COLOUR } from "./palette";
import { useFitWidth } from "./use-fit-width";

/** A share chart (the report's sex, age and internal/international figures). Visual only: the
 * table beside it carries the figures. Zero slices are left out. */
export function StatsPieChart({ data, label, width = 300 }: { data: ChartDatum[]; label: string; width?: number }) {
  const shown = data.filter((d) => d.value > 0);
  const total = shown.reduce((s, d) => s + d.value, 0);
  const [chartRef, fitWidth] = useFitWidth<HTMLDivElement>(width);
  return (
    <div className="chart" role="img" aria-label={label} ref={chartRef}>
      <PieChart width={fitWidth} height={230} margin={{ top: 16, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
        <Pie
          data={shown}
          dataKey="value"
          nameKey="label"
          cx="50%"
          cy="45%"
          outerRadius={64}
          isAnimationActive={false}
          label={({ value }: { value?: number }) => (total && value && value / total >= 0.01 ? `${Math.round((100 * value) / total)}%` : "")}
          labelLine={false}
        >
          {shown.map((d, i) => (
            <Cell key={d.label} fill={d.muted ? MUTED_COLOUR : CHART_COLOURS[i % CHART_COLOURS.length]} />
          ))}
        </Pie>
        <Legend verticalAlign="bottom" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </div>
  );
}
