// The reminder a panel's chair (or an organizer) sends to judges with unfinished scoresheets
// (scoring/reminders.server). Only counts and dates: never an entry's title or code, so the
// message says nothing of what the judge reads, blind contest or not.
import { formatDateTime } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { compose, footer, type MailContent } from "./templates.server";

export interface JudgingReminderInput {
  contestTitle: string;
  roundName: string;
  panelName: string;
  /** The judge's sheets on the panel that are not submitted yet. */
  remaining: number;
  deadline: Date | null;
  timeZone: string;
  /** The judge's desk. */
  url: string;
}

export function judgingReminderMail(lng: Language, input: JudgingReminderInput): MailContent {
  const t = getFixedT(lng);
  const names = { contest: input.contestTitle, round: input.roundName, panel: input.panelName, count: input.remaining };
  const deadline = input.deadline
    ? t("chair:mail.deadline", { date: t("common:dates.inTimeZone", { date: formatDateTime(input.deadline, lng, input.timeZone), zone: input.timeZone }) })
    : t("chair:mail.noDeadline");
  return compose(
    t,
    lng,
    t("chair:mail.subject", names),
    [
      { paragraph: t("chair:mail.body", names) },
      { paragraph: deadline },
      { link: { label: t("chair:mail.action"), url: input.url } },
      { paragraph: t("chair:mail.thanks") },
    ],
    footer(t, false),
  );
}
