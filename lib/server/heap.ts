// Imported first by server.ts, before anything allocates much. V8 sizes its
// heap for the whole machine (gigabytes here) and lets garbage pile up to a
// multiple of what is live before collecting: after browsing a while the
// console held 300+ MiB of which under 100 MiB was live. "Optimize for size"
// makes V8 grow the heap in smaller steps and collect sooner, so resident
// memory follows what the console actually holds (bench/suites/scale.ts).
// The price is GC work: the proxy's CPU per request measured 7–14 % higher.
// PILOTHOUSE_HEAP=default keeps V8's defaults.
import v8 from "node:v8";

if ((process.env.PILOTHOUSE_HEAP ?? "lean") !== "default") v8.setFlagsFromString("--optimize-for-size");
