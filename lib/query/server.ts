import "server-only";
import { cache } from "react";
import { makeQueryClient } from "./client";

/** One QueryClient per server request (React cache is request-scoped). */
export const getServerQueryClient = cache(makeQueryClient);
