import { z } from "zod";

// The one import of zod. In the browser, zod must not probe for `new Function`
// (its JIT for object schemas): our CSP has no 'unsafe-eval', and Chromium
// reports the probe as a securitypolicyviolation even though zod catches the
// throw. The server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
