// How the rounds, panels and assignment functions say no, for the routes to answer in one way:
// notFound → 404; invalid → 400 with field errors; changedMeanwhile (a stale form) and refused
// (a rule of the current state, e.g. "a round with assignments cannot be deleted") → 409 with a
// translated message. Nothing is written in any of these cases.

export type NotFound = { ok: false; status: "notFound" };
export type Invalid = { ok: false; status: "invalid"; fieldErrors: Record<string, string[]> };
export type ChangedMeanwhile = { ok: false; status: "changedMeanwhile" };
/** `error` is an i18n key, optionally with "|{json}" parameters. */
export type Refused = { ok: false; status: "refused"; error: string };

export type Refusal = NotFound | Invalid | ChangedMeanwhile | Refused;

export const NOT_FOUND: NotFound = { ok: false, status: "notFound" };
export const CHANGED_MEANWHILE: ChangedMeanwhile = { ok: false, status: "changedMeanwhile" };

export function invalid(fieldErrors: Record<string, string[]>): Invalid {
  return { ok: false, status: "invalid", fieldErrors };
}

export function refused(error: string): Refused {
  return { ok: false, status: "refused", error };
}

/** The message of a stale form. */
export const CHANGED_MEANWHILE_MESSAGE = "rounds:errors.changedMeanwhile";

/** Thrown inside a transaction to roll it back and return the refusal instead. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.status);
  }
}

/** Runs `work`, turning a thrown RefusalError (after its transaction rolled back) into its refusal. */
export async function orRefusal<T>(work: () => Promise<T>): Promise<T | Refusal> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    throw error;
  }
}
