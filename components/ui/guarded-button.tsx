"use client";

import { forwardRef, useCallback, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";

type Props = React.ComponentProps<typeof Button> & {
  /** May the caller do this? */
  allowed: boolean;
  /** The permission check has not answered yet. */
  pending?: boolean;
  /** Why it is off: shown on hover, focus and tap, and read as the button's description. */
  reason: string;
};

/** Where the reason shows: under the button, kept inside the viewport (fixed, so no table cell clips it). */
function placeUnder(el: HTMLElement) {
  const r = el.getBoundingClientRect();
  const width = Math.min(320, window.innerWidth - 16);
  return { top: r.bottom + 6, left: Math.max(8, Math.min(r.left, window.innerWidth - width - 8)), maxWidth: width };
}

/**
 * An action the caller may be refused. When refused it stays visible and
 * focusable (aria-disabled, not disabled) and says why — on hover, on keyboard
 * focus and on tap, since a title alone reaches neither touch nor keyboard users.
 */
export const GuardedButton = forwardRef<HTMLButtonElement, Props>(function GuardedButton(
  { allowed, pending, reason, onClick, className = "", title, onFocus, onBlur, onMouseEnter, onMouseLeave, onKeyDown, ...props },
  ref,
) {
  const off = !allowed;
  const explain = off && !pending;
  const id = useId();
  const [at, setAt] = useState<ReturnType<typeof placeUnder> | null>(null);
  const hide = useCallback(() => setAt(null), []);
  useEffect(() => {
    if (!at) return;
    // A fixed tooltip would drift from its button on scroll or resize: hide it instead.
    window.addEventListener("scroll", hide, { capture: true, passive: true });
    window.addEventListener("resize", hide);
    return () => {
      window.removeEventListener("scroll", hide, { capture: true });
      window.removeEventListener("resize", hide);
    };
  }, [at, hide]);
  if (!explain) {
    return (
      <Button
        ref={ref}
        {...props}
        aria-disabled={off || undefined}
        title={title}
        onClick={off ? undefined : onClick}
        onFocus={onFocus}
        onBlur={onBlur}
        onMouseEnter={onMouseEnter}
        onMouseLeave={onMouseLeave}
        onKeyDown={onKeyDown}
        className={`${className} ${off ? "cursor-not-allowed opacity-50" : ""}`}
      />
    );
  }
  const show = (e: React.SyntheticEvent<HTMLButtonElement>) => setAt(placeUnder(e.currentTarget));
  return (
    <>
      <Button
        ref={ref}
        {...props}
        aria-disabled
        aria-describedby={id}
        onClick={(e) => (at ? hide() : show(e))}
        onFocus={(e) => {
          show(e);
          onFocus?.(e);
        }}
        onBlur={(e) => {
          hide();
          onBlur?.(e);
        }}
        onMouseEnter={(e) => {
          show(e);
          onMouseEnter?.(e);
        }}
        onMouseLeave={(e) => {
          if (e.currentTarget !== document.activeElement) hide();
          onMouseLeave?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") hide();
          onKeyDown?.(e);
        }}
        className={`${className} cursor-not-allowed opacity-50`}
      />
      <span
        id={id}
        role="tooltip"
        hidden={!at}
        style={at ? { position: "fixed", top: at.top, left: at.left, maxWidth: at.maxWidth } : undefined}
        className="pointer-events-none z-50 w-max rounded-md bg-slate-900 px-2.5 py-1.5 text-xs font-normal leading-snug text-white shadow-lg dark:bg-slate-700"
      >
        {reason}
      </span>
    </>
  );
});
