"use client";

import { useEffect, useRef, useState } from "react";

/**
 * True once the element has come near the viewport, and from then on: charts
 * below the fold load (and query) only when the user scrolls to them.
 */
export function useInView<T extends Element>(rootMargin = "200px") {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === "undefined") {
      // Old browsers: load at once rather than never.
      const id = setTimeout(() => setSeen(true), 0);
      return () => clearTimeout(id);
    }
    const obs = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          obs.disconnect();
        }
      },
      { rootMargin },
    );
    obs.observe(el);
    return () => obs.disconnect();
  }, [rootMargin, seen]);
  return [ref, seen] as const;
}
