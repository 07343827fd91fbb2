/** Who is making a request, as resolved from a session or a token. */
export interface Principal {
  /** Name of the User resource (stable id). */
  name: string;
  /** Login name shown to people. */
  username: string;
  displayName?: string;
  groups: string[];
  via: "session" | "token";
  tokenId?: string;
  /** Set when the caller is a tool the console runs for the user (helm): it may only call this cluster's API. */
  tool?: { cluster: string };
}
