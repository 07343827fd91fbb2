import { AccessNav } from "@/components/access/access-nav";

export default function AccessLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <AccessNav />
      {children}
    </div>
  );
}
