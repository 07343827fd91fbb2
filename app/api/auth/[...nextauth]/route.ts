import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const rt = await getRuntime();
  return NextAuth(req, ctx, authOptions(rt));
}

export { handler as GET, handler as POST };
