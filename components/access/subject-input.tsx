"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { type SubjectKind, groupsQuery, usersQuery } from "@/lib/access/queries";

const DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}

/**
 * A user or group name with suggestions: users matching what is typed
 * (GET /api/users?q=), or the groups seen on users. Any text is accepted.
 */
export function SubjectInput({
  kind,
  value,
  onChange,
  inputRef,
  ...field
}: {
  kind: SubjectKind;
  value: string;
  onChange: (value: string) => void;
  inputRef?: React.Ref<HTMLInputElement>;
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}) {
  const listId = useId();
  const q = useDebounced(value.trim(), DEBOUNCE_MS);
  const users = useQuery({ ...usersQuery(q), enabled: kind === "User", placeholderData: keepPreviousData });
  const groups = useQuery({ ...groupsQuery(), enabled: kind === "Group" });
  const userItems = users.data?.items;
  return (
    <>
      <input
        {...field}
        ref={inputRef}
        type="text"
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        className={`${inputClass} font-mono`}
      />
      <datalist id={listId}>
        {kind === "User"
          ? (userItems ?? []).map((u) => (
              <option key={u.name} value={u.name}>
                {u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username}
              </option>
            ))
          : (groups.data?.items ?? []).map((g) => <option key={g.name} value={g.name} />)}
      </datalist>
    </>
  );
}
