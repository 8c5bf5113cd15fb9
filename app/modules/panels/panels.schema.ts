// The forms of a round's page (issue 3, items 4 and 5): its settings, its panels, their seats and
// the distribution of entries, shared by the browser and the server. Messages are i18n keys.
import { z } from "zod";
import { checkRoundFields, updateRoundObject } from "./rounds.schema";

export const PANEL_NAME_MAX = 100;
/** The largest per-judge cap accepted (a national contest's panel may hold thousands of entries). */
export const CAP_MAX = 100_000;

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");

const panelFields = {
  name: z
    .string({ required_error: "rounds:errors.panelNameRequired" })
    .trim()
    .min(1, "rounds:errors.panelNameRequired")
    .max(PANEL_NAME_MAX, `rounds:errors.nameTooLong|{"max":${PANEL_NAME_MAX}}`),
  /** Left empty: the panel takes a share of the even split. */
  categoryId: z.string().trim().max(64, "validation.invalid").optional(),
};

const cap = z
  .number({ invalid_type_error: "rounds:errors.notANumber" })
  .int("rounds:errors.wholeNumber")
  .min(0, `rounds:errors.capRange|{"max":${CAP_MAX}}`)
  .max(CAP_MAX, `rounds:errors.capRange|{"max":${CAP_MAX}}`)
  .optional();

const createPanelObject = z.object({ intent: z.literal("createPanel"), ...panelFields });
const updatePanelObject = z.object({
  intent: z.literal("updatePanel"),
  panelId: id,
  revision: z.string({ required_error: "validation.invalid" }).trim().min(1, "validation.invalid").max(64, "validation.invalid"),
  ...panelFields,
});
const deletePanelObject = z.object({ intent: z.literal("deletePanel"), panelId: id });
const addJudgeObject = z.object({
  intent: z.literal("addJudge"),
  panelId: id,
  userId: z.string({ required_error: "rounds:errors.judgeRequired" }).trim().min(1, "rounds:errors.judgeRequired").max(64, "validation.invalid"),
  /** Left empty: no cap. */
  maxLoad: cap,
});
const setCapObject = z.object({ intent: z.literal("setCap"), panelId: id, userId: id, maxLoad: cap });
const setChairObject = z.object({ intent: z.literal("setChair"), panelId: id, userId: id });
const removeJudgeObject = z.object({ intent: z.literal("removeJudge"), panelId: id, userId: id });
const distributeObject = z.object({ intent: z.literal("distribute") });

export const createPanelSchema = createPanelObject;
export const updatePanelSchema = updatePanelObject;
export const addJudgeSchema = addJudgeObject;
export { updateRoundSchema } from "./rounds.schema";

/** Every action of /organize/:contestId/rounds/:roundId. */
export const roundPageActionSchema = z
  .discriminatedUnion("intent", [
    updateRoundObject,
    createPanelObject,
    updatePanelObject,
    deletePanelObject,
    addJudgeObject,
    setCapObject,
    setChairObject,
    removeJudgeObject,
    distributeObject,
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "updateRound") checkRoundFields(value, ctx);
  });
export type RoundPageAction = z.infer<typeof roundPageActionSchema>;
