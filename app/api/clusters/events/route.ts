import { withApi } from "@/lib/api/handler";
import { ClusterFrames } from "@/lib/clusters/cluster-frames";
import { visibleClusters } from "@/lib/clusters/visibility";

export const dynamic = "force-dynamic";

/** Server-sent events: the caller's cluster list with health, then what changes in it (lib/clusters/cluster-frames.ts). */
export const GET = withApi({}, async ({ rt, principal, req }) => {
  const enc = new TextEncoder();
  let timer: NodeJS.Timeout | undefined;
  let ping: NodeJS.Timeout | undefined;
  let off: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const frames = new ClusterFrames();
      const push = async () => {
        try {
          const frame = frames.next(await visibleClusters(rt, principal));
          if (frame) controller.enqueue(enc.encode(`data: ${frame}\n\n`));
        } catch {
          cleanup();
        }
      };
      const onChange = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void push(), 50);
      };
      rt.clusters.on("change", onChange);
      off = () => rt.clusters.off("change", onChange);
      ping = setInterval(() => {
        try {
          controller.enqueue(enc.encode(": ping\n\n"));
        } catch {
          cleanup();
        }
      }, 15_000);
      await push();
    },
    cancel() {
      cleanup();
    },
  });
  function cleanup() {
    clearTimeout(timer);
    clearInterval(ping);
    off?.();
  }
  req.signal.addEventListener("abort", cleanup);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
});
