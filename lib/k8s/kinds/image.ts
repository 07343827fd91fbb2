// Container image references ("registry:5000/team/app:1.2@sha256:…"). Pure.

export interface ImageParts {
  ref: string;
  /** Everything before the tag and digest: registry/path/name. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageParts {
  const at = ref.indexOf("@");
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) || undefined : undefined;
  // A colon after the last slash is a tag; one before it is a registry's port.
  const colon = name.lastIndexOf(":");
  const hasTag = colon > name.lastIndexOf("/");
  return { ref, repository: hasTag ? name.slice(0, colon) : name, tag: hasTag ? name.slice(colon + 1) || undefined : undefined, digest };
}

/** The digest of a pod's `imageID` ("docker-pullable://repo@sha256:…", "sha256:…"); undefined when it holds none. */
export function digestOfImageID(id: string | undefined): string | undefined {
  const m = /(sha256:[0-9a-f]{64})$/.exec(id ?? "");
  return m?.[1];
}

/** "sha256:3b8e6f0d2a41…" → "sha256:3b8e6f0d2a41" (12 hex digits, as registries show them). */
export function shortDigest(digest: string): string {
  return digest.slice(0, digest.indexOf(":") + 13);
}
