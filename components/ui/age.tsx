"use client";

import { useFormatter } from "next-intl";
import { useAge } from "@/lib/client/use-now";

/** How long ago `ts` was ("12m", "12分钟前"), the exact time on hover. Safe to render on server and client. */
export function Age({ ts }: { ts: string | undefined }) {
  const age = useAge();
  const format = useFormatter();
  if (!ts || !Number.isFinite(Date.parse(ts))) return <>—</>;
  return (
    <time dateTime={ts} title={format.dateTime(new Date(ts), { dateStyle: "medium", timeStyle: "medium" })}>
      {age(ts)}
    </time>
  );
}
