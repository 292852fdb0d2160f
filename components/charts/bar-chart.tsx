"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from "recharts";
import { CHART_COLOURS, MUTED_COLOUR } from "./palette";

export type ChartDatum = { label: string; value: number; muted?: boolean };

/** Axis labels longer than this are cut with an ellipsis (the table beside the chart has them whole). */
const MAX_LABEL = 30;
const short = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label);

/**
 * A bar chart of one breakdown (recharts). Horizontal bars for long category labels (countries,
 * types), vertical columns for ordered bands. Purely visual: the same figures are in the table next
 * to it, so the chart is one labelled image for assistive technology. Fixed width, so that it prints
 * the same as it shows.
 */
export function StatsBarChart({
  data,
  label,
  orientation = "horizontal",
  width = 460,
}: {
  data: ChartDatum[];
  label: string;
  orientation?: "horizontal" | "vertical";
  width?: number;
}) {
  const horizontal = orientation === "horizontal";
  const height = horizontal ? Math.max(120, 28 * data.length + 40) : 240;
  const longest = Math.min(MAX_LABEL, Math.max(...data.map((d) => d.label.length), 4));
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        width={width}
        height={height}
        data={data}
        layout={horizontal ? "vertical" : "horizontal"}
        margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis
              type="category"
              dataKey="label"
              width={Math.min(200, 6.4 * longest + 12)}
              tick={{ fontSize: 11, width: 200 }}
              tickFormatter={short}
              interval={0}
            />
          </>
        ) : (
          <>
            <XAxis type="category" dataKey="label" tick={{ fontSize: 11 }} interval={0} />
            <YAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          </>
        )}
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.muted ? MUTED_COLOUR : CHART_COLOURS[0]} />
          ))}
          <LabelList dataKey="value" position={horizontal ? "right" : "top"} style={{ fontSize: 11, fill: "#17202b" }} />
        </Bar>
      </BarChart>
    </div>
  );
}
