import { createFormControl } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { checkedResolver } from "./form";
import type { FormErrors } from "./form-errors";

// The resolver of useCheckedForm in the real react-hook-form (no DOM): how a
// key-value list's row errors survive the paths that show them.

type Row = { id: string; key: string; value: string };
type Values = { name: string; labels: Row[] };

/** A bad key is an error on its row, at "labels.<index>" (as KeyValueRowsField reads it) or, as the cluster form once did, "labels.<id>". */
function form(keyBy: "index" | "id", submit = { on: false }) {
  const check = (v: Values, submitting: boolean): FormErrors => {
    const out: FormErrors = {};
    if (submitting && !v.name) out.name = "Enter a name.";
    v.labels.forEach((r, i) => {
      if (r.key.includes(" ")) out[`labels.${keyBy === "index" ? i : r.id}`] = "Not a valid key.";
    });
    return out;
  };
  const f = createFormControl<Values>({
    mode: "onChange",
    defaultValues: { name: "", labels: [{ id: "label-1", key: "", value: "" }] },
    resolver: checkedResolver(check, () => submit.on),
  });
  // As useController registers the list: one field for all its rows.
  const labels = f.register("labels");
  f.register("name");
  const type = (rows: Row[]) => labels.onChange({ target: { name: "labels", value: rows }, type: "change" });
  return { ...f, type, errors: () => f.control._formState.errors };
}

const bad = [
  { id: "label-1", key: "region", value: "eu" },
  { id: "label-2", key: "bad key", value: "x" },
];

describe("row errors of a key-value list", () => {
  it("show as the user types and on Next when keyed by position", async () => {
    const f = form("index");
    await f.type(bad);
    expect(f.errors().labels?.[1]?.message).toBe("Not a valid key.");
    await f.type([bad[1]]);
    // The row moved up: so did its error.
    expect(f.errors().labels?.[0]?.message).toBe("Not a valid key.");
    expect(f.errors().labels?.[1]).toBeUndefined();
    // Next of a step holding only the labels: their errors, not the name's (another step).
    expect(await f.trigger(["labels"])).toBe(false);
    expect(f.errors().labels?.[0]?.message).toBe("Not a valid key.");
    expect(f.errors().name).toBeUndefined();
    await f.type([{ ...bad[1], key: "good" }]);
    expect(f.errors().labels).toBeUndefined();
  });

  it("are dropped by react-hook-form as the user types and on Next when keyed by row id", async () => {
    // Why rows are keyed by position: a list registered as one field keeps a nested error only as a list.
    const f = form("id");
    await f.type(bad);
    expect(f.errors().labels).toBeUndefined();
    expect(await f.trigger(["labels"])).toBe(false);
    expect(f.errors().labels).toBeUndefined();
  });

  it("asks for required fields on Next (checkFields) and the submit, not while typing", async () => {
    const submit = { on: false };
    const f = form("index", submit);
    await f.type(bad);
    expect(f.errors().name).toBeUndefined();
    submit.on = true;
    expect(await f.trigger(["name"])).toBe(false);
    expect(f.errors().name?.message).toBe("Enter a name.");
  });
});
