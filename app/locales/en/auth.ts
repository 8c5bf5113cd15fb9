import type { Translation } from "../types";
import type vi from "../vi/auth";

const auth: Translation<typeof vi> = {
  fields: {
    email: "E-mail address",
    password: "Password",
    newPassword: "New password",
    confirmPassword: "Repeat the password",
    name: "Full name",
    passwordHelp: "At least {{min}} characters. A long phrase you can remember makes a good password.",
  },
  roles: {
    ADMIN: "Administrator",
    ORGANIZER: "Organizer",
    SECRETARY: "Secretary",
    JUDGE: "Judge",
  },
  login: {
    title: "Sign in",
    submit: "Sign in",
    forgot: "Forgot your password?",
    noAccount: "No entrant account yet?",
    signUp: "Sign up",
  },
  signup: {
    title: "Create an entrant account",
    intro:
      "Enter your e-mail address. We will send you a link to confirm it; then you choose your name and password.",
    submit: "Send the confirmation link",
    sent: "If this address can be used to sign up, we have sent a link to it. Check your inbox (and the spam folder); the link is valid for 24 hours.",
    haveAccount: "Already have an account?",
    signIn: "Sign in",
  },
  signupVerify: {
    title: "Finish signing up",
    intro: "Create an entrant account for {{email}}.",
    submit: "Create the account",
    invalid: "This sign-up link can no longer be used: it may have expired or been used already.",
    startAgain: "Start signing up again",
  },
  forgot: {
    title: "Forgot password",
    intro: "Enter your account's e-mail address. We will send you a link to choose a new password.",
    submit: "Send the reset link",
    sent: "If this address has an account, we have sent a password reset link to it. The link is valid for 1 hour.",
    backToLogin: "Back to sign in",
  },
  reset: {
    title: "Choose a new password",
    intro: "Choose a new password for {{email}}. Every other session of this account will be signed out.",
    submit: "Save the new password",
    invalid: "This password reset link can no longer be used: it may have expired or been used already.",
    startAgain: "Ask for a new link",
  },
  invitation: {
    title: "Invitation",
    invalid: "This invitation is no longer valid: it may have expired, been revoked or been used already.",
    invitedAs: "You are invited to take part as {{role}}.",
    invitedAsInContest: "You are invited to take part in the contest «{{contest}}» as {{role}}.",
    firstAdminTitle: "Create the first administrator account",
    firstAdminIntro:
      "This portal has no administrator yet. The account you create here administers the whole installation. This link works only once.",
    firstAdminSubmit: "Create the administrator account",
    newAccountIntro: "Choose your name and a password to create an account for the invited address.",
    newAccountSubmit: "Create the account and accept",
    confirmIntro: "You are signed in as {{email}}.",
    accept: "Accept the invitation",
    wrongUser:
      "You are signed in as {{current}}, but this invitation was sent to {{email}}. Sign out, then open the link in the invitation again.",
    signOut: "Sign out",
  },
  errors: {
    invalidCredentials: "Wrong e-mail address or password.",
    tooManyAttempts: "Too many attempts. Please wait {{minutes}} min and try again.",
    emailTaken: "This e-mail address already has an account. Sign in, or reset the password if you forgot it.",
    linkUsed: "This link can no longer be used: it may have expired or been used already.",
  },
};
export default auth;
