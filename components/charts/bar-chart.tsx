"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from "recharts";
import { CHART_COLOURS, MUTED_COLOUR } from "./palette";
import { useFitWidth } from "./use-fit-width";

export type ChartDatum = { label: string; value: number; muted?: boolean };

/** Axis labels longer than this are cut with an ellipsis (the table beside the chart has them whole). */
const MAX_LABEL = 30;
/** Roughly the width of one character of an 11 px axis label. */
const CHAR_PX = 6.4;
const shorten = (max: number) => (label: string) => (label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label);

/**
 * A bar chart of one breakdown (recharts). Horizontal bars for long category labels (countries,
 * types), vertical columns for ordered bands. Purely visual: the same figures are in the table next
 * to it, so the chart is one labelled image for assistive technology. Its width is `width`, or the
 * width of its container when that is narrower (a phone): the category labels then take at most
 * two fifths of it, and the columns' labels turn, so nothing runs off the edge.
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
  const [chartRef, fitWidth] = useFitWidth<HTMLDivElement>(width);
  const horizontal = orientation === "horizontal";
  const narrow = fitWidth < width;
  // Category labels: as wide as the longest needs, at most 200 px and two fifths of the chart.
  const labelChars = Math.max(4, Math.min(MAX_LABEL, Math.floor((Math.min(200, fitWidth * 0.4) - 12) / CHAR_PX)));
  const longest = Math.min(labelChars, Math.max(...data.map((d) => d.label.length), 4));
  // Columns on a narrow screen: labels turned so that neighbours do not overlap.
  const turned = !horizontal && narrow && data.length > 3;
  const height = horizontal ? Math.max(120, 28 * data.length + 40) : turned ? 280 : 240;
  return (
    <div className="chart" role="img" aria-label={label} ref={chartRef}>
      <BarChart
        width={fitWidth}
        height={height}
        data={data}
        layout={horizontal ? "vertical" : "horizontal"}
        margin={{ top: 8, right: narrow ? 36 : 48, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis
              type="category"
              dataKey="label"
              width={Math.ceil(CHAR_PX * longest + 12)}
              tick={{ fontSize: 11, width: Math.ceil(CHAR_PX * longest + 12) }}
              tickFormatter={shorten(labelChars)}
              interval={0}
            />
          </>
        ) : (
          <>
            <XAxis
              type="category"
              dataKey="label"
              tick={{ fontSize: 11 }}
              interval={0}
              tickFormatter={turned ? shorten(12) : undefined}
              angle={turned ? -40 : 0}
              textAnchor={turned ? "end" : "middle"}
              height={turned ? 70 : 30}
            />
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
