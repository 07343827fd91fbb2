"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { downloadKubeconfig, tokensKey } from "@/lib/tokens/queries";

/** "Download kubeconfig": a POST that makes a token, saved as a file; the token list then shows the new token. */
export function useKubeconfigDownload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: downloadKubeconfig,
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}
