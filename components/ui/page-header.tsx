import Link from "next/link";

/**
 * The head of every page: a way back, the title with what qualifies it, the
 * page's actions on the right, then (always below) its tabs. One layout, so
 * tabs never sit above a title on one page and below it on another.
 */
export function PageHeader({
  title,
  meta,
  subtitle,
  back,
  actions,
  tabs,
  children,
}: {
  title: React.ReactNode;
  /** Beside the title: an id, a status badge, a version. */
  meta?: React.ReactNode;
  subtitle?: React.ReactNode;
  back?: { href: string; label: string };
  actions?: React.ReactNode;
  /** NavTabs (sections that are pages) or a tab list; under everything else. */
  tabs?: React.ReactNode;
  /** Facts between the title and the tabs. */
  children?: React.ReactNode;
}) {
  return (
    <header className="space-y-3" data-testid="page-header">
      {back && (
        <Link href={back.href} className="inline-block text-sm text-sky-700 hover:underline dark:text-sky-300">
          {back.label}
        </Link>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="min-w-0 text-2xl font-semibold break-words">{title}</h1>
            {meta}
          </div>
          {subtitle && <p className="max-w-3xl text-sm text-slate-500 dark:text-slate-400">{subtitle}</p>}
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
      {tabs}
    </header>
  );
}
