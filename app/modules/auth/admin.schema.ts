import { z } from "zod";
import { emailField } from "./auth.schema";

export const adminActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailField }),
  z.object({ intent: z.literal("setOrganizer"), userId: z.string().min(1), value: z.enum(["true", "false"]) }),
]);
