import { redirect } from "next/navigation";

/** The catalog is the Apps page itself. */
export default function Page() {
  redirect("/apps");
}
