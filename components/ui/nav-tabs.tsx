import Link from "next/link";

/** The look of a tab, shared by Tabs and NavTabs (here: a "use client" module's plain values are not readable on the server). */
export const tabClass = (active: boolean) =>
  `-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-sky-600 ${
    active
      ? "border-sky-700 font-medium text-sky-800 dark:border-sky-400 dark:text-sky-200"
      : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
  }`;

/** Tabs that are pages (each its own address): links, the current one marked for assistive technology. */
export function NavTabs({ label, items }: { label: string; items: { key: string; href: string; label: string; active: boolean }[] }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200 dark:border-slate-700">
      <ul className="flex gap-1 overflow-x-auto">
        {items.map((it) => (
          <li key={it.key}>
            <Link href={it.href} aria-current={it.active ? "page" : undefined} className={`inline-block ${tabClass(it.active)}`}>
              {it.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
