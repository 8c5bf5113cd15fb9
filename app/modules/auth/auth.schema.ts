// Form schemas for accounts, shared by the browser and the server. Messages are i18n keys.
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 120;

export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .toLowerCase()
  .max(254, "validation.email")
  .email("validation.email");

export const passwordField = z
  .string({ required_error: "validation.required" })
  .min(PASSWORD_MIN, `validation.passwordTooShort|${JSON.stringify({ min: PASSWORD_MIN })}`)
  .max(PASSWORD_MAX, `validation.passwordTooLong|${JSON.stringify({ max: PASSWORD_MAX })}`);

export const nameField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(NAME_MAX, `validation.tooLong|${JSON.stringify({ max: NAME_MAX })}`);

/** A relative path on this site, never another origin (open-redirect guard). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The password as typed at sign-in: any length the account may have been given. */
const currentPasswordField = z
  .string({ required_error: "validation.required" })
  .min(1, "validation.required")
  .max(PASSWORD_MAX * 4, "validation.invalid");

/** A new password typed twice; the mismatch is reported on the second field. */
function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: passwordField, confirmPassword: z.string({ required_error: "validation.required" }) })
    .refine((v) => v.password === v.confirmPassword, { message: "validation.passwordsDiffer", path: ["confirmPassword"] });
}

export const LoginSchema = z.object({
  email: emailField,
  password: currentPasswordField,
  redirectTo: z.string().optional(),
});

/** Sign-up step 1 and "forgot password": only the address. */
export const EmailOnlySchema = z.object({ email: emailField });

/** Sign-up step 2, on the page the e-mailed link opens. */
export const SignupCompleteSchema = withConfirmation({ name: nameField });

export const ResetPasswordSchema = withConfirmation({});

/** The first admin, by the one-time link printed at the first start. */
export const FirstAdminSchema = withConfirmation({ name: nameField, email: emailField });

/** An invitee without an account: the address is the invitation's. */
export const InvitationNewAccountSchema = withConfirmation({ name: nameField });

/** The translated "too many attempts" message (an i18n key with its parameter), for forms. */
export function tooManyAttemptsError(retryAfterSeconds: number): string {
  return `auth:errors.tooManyAttempts|${JSON.stringify({ minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })}`;
}
