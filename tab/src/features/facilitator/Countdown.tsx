import { Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Minutes and seconds left until `endsAt`, by the server's clock (`serverNow` at load time plus
 * the time since). The visible text ticks every second; screen readers get a polite update
 * once a minute only, so they are not flooded.
 */
export function Countdown({ endsAt, serverNow }: { endsAt: string; serverNow: string }) {
  const { t } = useTranslation();
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + skew), 1000);
    return () => window.clearInterval(timer);
  }, [skew]);
  const left = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
  const mm = Math.floor(left / 60);
  const ss = String(left % 60).padStart(2, "0");
  return (
    <div>
      <Text size={700} weight="semibold" aria-hidden="true" data-testid="countdown">
        {`${mm}:${ss}`}
      </Text>
      <span className="visually-hidden" role="timer" aria-live="polite" aria-atomic="true">
        {left === 0 ? t("panel.timeUp") : t("panel.minutesLeft", { count: Math.ceil(left / 60) })}
      </span>
    </div>
  );
}
