// A live countdown to a deadline. The server passes its own "now", so the first render (on the
// server, then hydrating in the browser) shows the same text; after that the browser's clock only
// measures the time elapsed since, so a wrong clock on the reader's computer does not move the
// deadline.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The time left from `now` to `until`, in whole units; null once it has passed. Pure. */
export function timeLeft(until: Date, now: Date): CountdownParts | null {
  const ms = until.getTime() - now.getTime();
  if (ms < 0) return null;
  const total = Math.floor(ms / 1000);
  return { days: Math.floor(total / 86400), hours: Math.floor((total % 86400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

const pad = (n: number) => String(n).padStart(2, "0");

export function Countdown({ until, serverNow, className = "" }: { until: Date | string; serverNow: Date | string; className?: string }) {
  const { t } = useTranslation();
  const start = new Date(serverNow).getTime();
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const mounted = Date.now();
    const timer = setInterval(() => setElapsed(Date.now() - mounted), 1000);
    return () => clearInterval(timer);
  }, [start]);
  const left = timeLeft(new Date(until), new Date(start + elapsed));
  return (
    <span className={className} data-testid="countdown">
      {left
        ? t("entries:countdown.parts", { days: left.days, hours: pad(left.hours), minutes: pad(left.minutes), seconds: pad(left.seconds) })
        : t("entries:countdown.ended")}
    </span>
  );
}
