"use client";

import { inputClass } from "@/components/ui/field";
import { TAILS, type Tail } from "./merge";

/** How many lines to read back (per container): one pod's logs and a workload's offer the same choices. */
export function TailSelect({ id, value, onChange, label, lastLines, allLines }: { id: string; value: Tail; onChange: (t: Tail) => void; label: string; lastLines: (n: number) => string; allLines: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value === "all" ? "all" : (Number(e.target.value) as Tail))} className={`${inputClass} w-36`}>
        {TAILS.map((n) => (
          <option key={n} value={n}>
            {lastLines(n)}
          </option>
        ))}
        <option value="all">{allLines}</option>
      </select>
    </div>
  );
}
