// Judges' loads before and after an assignment run, as a bar chart (recharts). Charts render in
// the browser only: the server sends nothing and the chart appears after hydration, once recharts
// has loaded. The server never imports recharts (some 30 MB of a process's memory). The chart is
// hidden from assistive technology; the page shows the same numbers in a table beside it.
import { useEffect, useState } from "react";
import type * as Recharts from "recharts";

export interface LoadBar {
  name: string;
  before: number;
  after: number;
}

export type RechartsModule = typeof Recharts;

/**
 * recharts, once the page has hydrated and the library has loaded in the browser: null on the
 * server, in the first browser render and while it loads. A failure to load is thrown from the
 * component's render, to the route's error boundary.
 */
export function useRecharts(): RechartsModule | null {
  const [recharts, setRecharts] = useState<RechartsModule | null>(null);
  useEffect(() => {
    let mounted = true;
    import("recharts").then(
      (module) => mounted && setRecharts(module),
      (error: unknown) =>
        mounted &&
        setRecharts(() => {
          throw error;
        }),
    );
    return () => {
      mounted = false;
    };
  }, []);
  return recharts;
}

export function LoadChart({ bars, beforeLabel, afterLabel }: { bars: readonly LoadBar[]; beforeLabel: string; afterLabel: string }) {
  const recharts = useRecharts();
  const height = 60 + bars.length * 44;
  return (
    <div aria-hidden="true" data-testid="load-chart" style={{ height }} className="w-full">
      {recharts ? (
        <recharts.ResponsiveContainer width="100%" height="100%">
          <recharts.BarChart data={[...bars]} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <recharts.CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <recharts.XAxis type="number" allowDecimals={false} />
            <recharts.YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
            <recharts.Tooltip />
            <recharts.Legend itemSorter={(item) => (item.dataKey === "before" ? 0 : 1)} />
            <recharts.Bar dataKey="before" name={beforeLabel} fill="#a8a29e" isAnimationActive={false} />
            <recharts.Bar dataKey="after" name={afterLabel} fill="#991b1b" isAnimationActive={false} />
          </recharts.BarChart>
        </recharts.ResponsiveContainer>
      ) : null}
    </div>
  );
}
