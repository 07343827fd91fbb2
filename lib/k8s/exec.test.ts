import { describe, expect, it } from "vitest";
import { Channel, parseEnd, parseFrame, resizeFrame, shellCommand, socketURL, stdinFrame, streamPath } from "./exec";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("exec protocol", () => {
  it("builds exec and attach paths with a TTY and every command word", () => {
    expect(streamPath("shop", "web-1", "exec", "app", ["sh", "-c", "echo a&b"])).toBe(
      "/api/v1/namespaces/shop/pods/web-1/exec?container=app&command=sh&command=-c&command=echo+a%26b&stdin=true&stdout=true&tty=true",
    );
    expect(streamPath("shop", "web-1", "attach", "app", ["ignored"])).toBe("/api/v1/namespaces/shop/pods/web-1/attach?container=app&stdin=true&stdout=true&tty=true");
  });

  it("runs the chosen shell; auto prefers bash; custom splits like argv", () => {
    expect(shellCommand("bash")).toEqual(["bash"]);
    expect(shellCommand("auto")).toEqual(["sh", "-c", expect.stringContaining("exec bash || exec sh")]);
    expect(shellCommand("custom", "  python3   -i ")).toEqual(["python3", "-i"]);
    expect(shellCommand("custom", "   ")).toEqual([]);
  });

  it("frames stdin and resize on their channels", () => {
    const s = stdinFrame("hé");
    expect(s[0]).toBe(Channel.stdin);
    expect(text(s.subarray(1))).toBe("hé");
    const r = resizeFrame(80.7, 0);
    expect(r[0]).toBe(Channel.resize);
    expect(JSON.parse(text(r.subarray(1)))).toEqual({ Width: 80, Height: 1 });
  });

  it("reads output, the end status with its exit code, and ignores other channels", () => {
    expect(parseFrame(new Uint8Array([1, 104, 105]))).toEqual({ kind: "output", data: new Uint8Array([104, 105]) });
    expect(parseFrame(new Uint8Array([2, 33])).kind).toBe("output");
    expect(parseFrame(new Uint8Array([9, 1])).kind).toBe("ignored");
    expect(parseFrame(new Uint8Array([])).kind).toBe("ignored");
    const fail = JSON.stringify({ status: "Failure", message: "command terminated with non-zero exit code", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "3" }] } });
    expect(parseFrame(new Uint8Array([3, ...new TextEncoder().encode(fail)]))).toEqual({ kind: "end", end: { ok: false, exitCode: 3, message: "command terminated with non-zero exit code" } });
    expect(parseEnd(JSON.stringify({ status: "Success" }))).toEqual({ ok: true });
    expect(parseEnd("")).toEqual({ ok: true });
    expect(parseEnd(JSON.stringify({ status: "Failure", message: "Internal error occurred: error executing command in container: cmd wait: sh: exit status 3" }))).toMatchObject({ ok: false, exitCode: 3 });
    expect(parseEnd("exec: not found")).toEqual({ ok: false, message: "exec: not found" });
    expect(parseEnd(JSON.stringify({ status: "Failure", message: "x", details: { causes: [{ reason: "ExitCode", message: "abc" }] } }))).toEqual({ ok: false, exitCode: undefined, message: "x" });
  });

  it("makes socket addresses beside the page's origin", () => {
    expect(socketURL("http://localhost:3000", "/clusters/m1/api/v1/x?y=1")).toBe("ws://localhost:3000/clusters/m1/api/v1/x?y=1");
    expect(socketURL("https://console.example", "/a")).toBe("wss://console.example/a");
  });
});
