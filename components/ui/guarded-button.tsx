"use client";

import { forwardRef } from "react";
import { Button } from "@/components/ui/button";

type Props = React.ComponentProps<typeof Button> & {
  /** May the caller do this? */
  allowed: boolean;
  /** The permission check has not answered yet. */
  pending?: boolean;
  /** Why it is off, shown as the tooltip (and read as the button's description). */
  reason: string;
};

/**
 * An action the caller may be refused. When refused it stays visible and
 * focusable (aria-disabled, not disabled) so keyboard and screen reader users
 * learn why from the title.
 */
export const GuardedButton = forwardRef<HTMLButtonElement, Props>(function GuardedButton(
  { allowed, pending, reason, onClick, className = "", title, ...props },
  ref,
) {
  const off = !allowed;
  return (
    <Button
      ref={ref}
      {...props}
      aria-disabled={off || undefined}
      title={off && !pending ? reason : title}
      onClick={off ? undefined : onClick}
      className={`${className} ${off ? "cursor-not-allowed opacity-50" : ""}`}
    />
  );
});
