import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";
import { type JobObject, jobCompletions, jobDuration, jobFailure, jobStatus } from "./job";

describe("job", () => {
  const job = (over: Partial<JobObject> = {}): JobObject => ({ metadata: { name: "migrate" }, spec: { completions: 1 }, status: {}, ...over });
  it("shows completions like kubectl", () => {
    expect(jobCompletions(job({ status: { succeeded: 1 } }))).toBe("1/1");
    expect(jobCompletions(job({ spec: { completions: 5 }, status: { succeeded: 2 } }))).toBe("2/5");
    expect(jobCompletions(job({ spec: { completions: null, parallelism: 3 } }))).toBe("0/1 of 3");
    expect(jobCompletions(job({ spec: {} }))).toBe("0/1");
  });
  it("derives status from conditions", () => {
    expect(jobStatus(job({ status: { conditions: [{ type: "Complete", status: "True" }] } }))).toBe("Complete");
    const failed = job({ status: { conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }] } });
    expect(jobStatus(failed)).toBe("Failed");
    expect(jobFailure(failed)).toBe("Job has reached the specified backoff limit");
    expect(jobStatus(job({ spec: { suspend: true } }))).toBe("Suspended");
    expect(jobStatus(job({ status: { active: 1 } }))).toBe("Running");
    expect(jobStatus(job())).toBe("Pending");
    expect(jobFailure(job())).toBeUndefined();
  });
  it("measures the duration", () => {
    expect(jobDuration(job({ status: { startTime: "2025-01-01T00:00:00Z", completionTime: "2025-01-01T00:02:05Z" } }))).toBe("2m5s");
    expect(jobDuration(job({ status: { startTime: "2025-01-01T00:00:00Z" } }), Date.parse("2025-01-01T01:00:00Z"))).toBe("1h");
    expect(jobDuration(job())).toBe("—");
  });
  it("formats durations", () => {
    expect(formatDuration(5)).toBe("5s");
    expect(formatDuration(120)).toBe("2m");
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe("3d4h");
    expect(formatDuration(undefined)).toBe("—");
  });
});
