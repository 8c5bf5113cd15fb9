// Judges' loads before and after an assignment run, as a bar chart (recharts). Charts render in
// the browser only: the server sends nothing and the chart appears after hydration. The chart is
// hidden from assistive technology; the page shows the same numbers in a table beside it.
import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface LoadBar {
  name: string;
  before: number;
  after: number;
}

/** True once the page has hydrated (false on the server and in the first browser render). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function LoadChart({ bars, beforeLabel, afterLabel }: { bars: readonly LoadBar[]; beforeLabel: string; afterLabel: string }) {
  const hydrated = useHydrated();
  const height = 60 + bars.length * 44;
  return (
    <div aria-hidden="true" data-testid="load-chart" style={{ height }} className="w-full">
      {hydrated ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...bars]} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend itemSorter={(item) => (item.dataKey === "before" ? 0 : 1)} />
            <Bar dataKey="before" name={beforeLabel} fill="#a8a29e" isAnimationActive={false} />
            <Bar dataKey="after" name={afterLabel} fill="#991b1b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
