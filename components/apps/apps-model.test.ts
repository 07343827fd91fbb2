import { describe, expect, it } from "vitest";
import { changeCounts, helmTime, parsePlace, placeKey, releaseBusy, releaseNameError, releaseTone } from "./apps-model";

describe("helmTime", () => {
  it("reads Go's time.String() of helm list as ISO 8601", () => {
    expect(helmTime("2026-12-07 18:16:19.403795087 +0000 UTC")).toBe("2026-12-07T18:16:19.403+00:00");
    expect(helmTime("2026-12-07 20:16:19 +0200 CEST")).toBe("2026-12-07T20:16:19+02:00");
    expect(Date.parse(helmTime("2026-12-07 20:16:19 +0200 CEST")!)).toBe(Date.parse("2026-12-07T18:16:19Z"));
  });

  it("keeps RFC 3339 (helm's JSON times) and drops what is no time", () => {
    expect(helmTime("2026-12-07T18:16:19.4037Z")).toBe("2026-12-07T18:16:19.403Z");
    expect(helmTime("2026-12-07T18:16:19+01:00")).toBe("2026-12-07T18:16:19+01:00");
    expect(helmTime("")).toBeUndefined();
    expect(helmTime("yesterday")).toBeUndefined();
  });
});

describe("release states", () => {
  it("colours helm's states", () => {
    expect(releaseTone("deployed")).toBe("green");
    expect(releaseTone("failed")).toBe("red");
    expect(releaseTone("pending-upgrade")).toBe("amber");
    expect(releaseTone("superseded")).toBe("slate");
    expect(releaseBusy("pending-install")).toBe(true);
    expect(releaseBusy("uninstalling")).toBe(true);
    expect(releaseBusy("deployed")).toBe(false);
    expect(releaseBusy(undefined)).toBe(false);
  });
});

describe("places and names", () => {
  it("names a project on a cluster and reads it back", () => {
    expect(placeKey({ cluster: "member-1", namespace: "acme-payments" })).toBe("member-1/acme-payments");
    expect(parsePlace("member-1/acme-payments")).toEqual({ cluster: "member-1", namespace: "acme-payments" });
    expect(parsePlace("member-1")).toBeUndefined();
    expect(parsePlace("a/b/c")).toBeUndefined();
  });

  it("checks a release name as helm does (a DNS label, at most 53)", () => {
    expect(releaseNameError("echo", true)).toBeUndefined();
    expect(releaseNameError("", false)).toBeUndefined();
    expect(releaseNameError(" ", true)).toBe("nameRequired");
    expect(releaseNameError("Echo", true)).toBe("nameLowercase");
    expect(releaseNameError("echo_1", true)).toBe("namePattern");
    expect(releaseNameError("-echo", true)).toBe("namePattern");
    expect(releaseNameError("e".repeat(54), true)).toBe("nameTooLong");
  });

  it("counts a preview's changes", () => {
    expect(changeCounts([{ change: "added" }, { change: "added" }, { change: "unchanged" }])).toEqual({ added: 2, removed: 0, changed: 0, unchanged: 1 });
  });
});
