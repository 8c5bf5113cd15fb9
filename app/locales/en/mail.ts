import type { Translation } from "../types";
import type vi from "../vi/mail";

const mail: Translation<typeof vi> = {
  greeting: "Hello,",
  ignore: "If you did not ask for this, ignore this message: nothing about your account has changed.",
  automatic: "This message was sent automatically by {{appName}}; please do not reply.",
  linkFallback: "If the button does not open, copy this address into your browser:",
  signup: {
    subject: "Confirm your e-mail address to create your account",
    body: "Someone (probably you) has just used this address to create an entrant account at {{appName}}. To continue, open the link below and choose your name and password.",
    action: "Finish signing up",
    expiry: "The link is valid for 24 hours and works only once.",
  },
  accountExists: {
    subject: "Your e-mail address already has an account",
    body: "Someone (probably you) has just used this address to sign up at {{appName}}, but it already has an account. You can sign in with that account.",
    signIn: "Sign in",
    resetIntro: "If you forgot the password, you can choose a new one:",
    reset: "Reset the password",
  },
  passwordReset: {
    subject: "Reset your password",
    body: "Someone asked to reset the password of your account at {{appName}}. Open the link below to choose a new password.",
    action: "Choose a new password",
    expiry: "The link is valid for 1 hour and works only once.",
  },
  invitation: {
    subject: "Invitation to {{appName}} as {{role}}",
    subjectContest: "Invitation to the contest «{{contest}}» as {{role}}",
    body: "You are invited to take part in {{appName}} as {{role}}.",
    bodyContest: "You are invited to take part in the contest «{{contest}}» at {{appName}} as {{role}}.",
    invitedBy: "Invited by: {{name}}.",
    action: "Accept the invitation",
    expiry: "The invitation is valid for {{days}} days.",
  },
};
export default mail;
