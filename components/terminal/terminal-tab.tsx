"use client";

import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/loading";
import type { PodObject } from "@/lib/k8s/kinds/pod";

// xterm.js touches the DOM when imported: the terminal loads in the browser only, when its tab is first shown.
const PodTerminal = dynamic(() => import("./pod-terminal").then((m) => m.PodTerminal), { ssr: false, loading: Loading });

export function PodTerminalTab({ cluster, obj }: { cluster: string; obj: PodObject }) {
  return <PodTerminal cluster={cluster} pod={obj} />;
}
