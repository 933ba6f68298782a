"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The spend-by-month bars of a billing tool's result (recharts: loaded only when a result has them). */
export function SpendChart({ data }: { data: { month: string; amount: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data}>
        <XAxis dataKey="month" fontSize={10} />
        <YAxis fontSize={10} />
        <Tooltip />
        <Bar dataKey="amount" fill="currentColor" className="text-primary" />
      </BarChart>
    </ResponsiveContainer>
  );
}
