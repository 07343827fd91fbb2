import { describe, expect, it } from "vitest";
import { parseChallenge, parseOciURL } from "./oci";

describe("OCI repositories", () => {
  it("address the registry over https unless told plain HTTP", () => {
    expect(parseOciURL("oci://ghcr.io/acme/charts/", false)).toEqual({ base: "https://ghcr.io", path: "acme/charts" });
    expect(parseOciURL("oci://127.0.0.1:20004/charts", true)).toEqual({ base: "http://127.0.0.1:20004", path: "charts" });
    expect(parseOciURL("oci://registry.local", false)).toEqual({ base: "https://registry.local", path: "" });
  });

  it("read a registry's bearer challenge and refuse others", () => {
    expect(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:charts/echo:pull"')).toEqual({
      realm: "https://auth.example.com/token",
      service: "registry.example.com",
      scope: "repository:charts/echo:pull",
    });
    expect(parseChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseChallenge("Bearer service=x")).toBeUndefined();
  });
});
