import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GuardedButton } from "./guarded-button";

describe("GuardedButton", () => {
  it("a refused action stays focusable and is described by its reason (for focus and touch, not a title)", () => {
    const html = renderToString(
      <GuardedButton allowed={false} reason="Only platform admins may do this.">
        Remove
      </GuardedButton>,
    );
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain('aria-disabled="true"');
    expect(html).not.toMatch(/ disabled[ =>]/);
    expect(html).not.toContain("title=");
    expect(html).toMatch(new RegExp(`<span id="${describedBy}" role="tooltip" hidden=""[^>]*>Only platform admins may do this.</span>`));
  });
  it("says nothing while the answer is pending, and nothing when allowed", () => {
    for (const props of [{ allowed: false, pending: true }, { allowed: true }]) {
      const html = renderToString(
        <GuardedButton {...props} reason="Only platform admins may do this.">
          Remove
        </GuardedButton>,
      );
      expect(html).not.toContain("tooltip");
      expect(html).not.toContain("Only platform admins");
    }
  });
});
