"use client";

import { forwardRef, useCallback, useEffect, useId, useRef, useState } from "react";
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
  const own = useRef<HTMLButtonElement | null>(null);
  const setRef = useCallback(
    (el: HTMLButtonElement | null) => {
      own.current = el;
      if (typeof ref === "function") ref(el);
      else if (ref) ref.current = el;
    },
    [ref],
  );
  useEffect(() => {
    // The reason arrived while the button had the focus: show it now, as focusing it would have.
    const el = own.current;
    if (explain && el && el === document.activeElement) setAt(placeUnder(el));
  }, [explain]);
  const show = (e: React.SyntheticEvent<HTMLButtonElement>) => setAt(placeUnder(e.currentTarget));
  // One tree whether or not the reason is known yet: a button focused while the
  // check was pending keeps its focus (and then shows why) when the answer comes.
  return (
    <>
      <Button
        ref={setRef}
        {...props}
        aria-disabled={off || undefined}
        aria-describedby={explain ? id : undefined}
        title={explain ? undefined : title}
        onClick={explain ? (e) => (at ? hide() : show(e)) : off ? undefined : onClick}
        onFocus={(e) => {
          if (explain) show(e);
          onFocus?.(e);
        }}
        onBlur={(e) => {
          hide();
          onBlur?.(e);
        }}
        onMouseEnter={(e) => {
          if (explain) show(e);
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
        className={`${className} ${off ? "cursor-not-allowed opacity-50" : ""}`}
      />
      {explain && (
        <span
          id={id}
          role="tooltip"
          hidden={!at}
          style={at ? { position: "fixed", top: at.top, left: at.left, maxWidth: at.maxWidth } : undefined}
          className="pointer-events-none z-50 w-max rounded-md bg-slate-900 px-2.5 py-1.5 text-xs font-normal leading-snug text-white shadow-lg dark:bg-slate-700"
        >
          {reason}
        </span>
      )}
    </>
  );
});
