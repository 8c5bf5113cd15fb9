// Shared by the server (which throws) and the error page (which explains): a signed-out
// visitor on a protected page gets 403 with this body, and the page offers to sign in there.
export const SIGN_IN_REQUIRED = "sign-in-required";
