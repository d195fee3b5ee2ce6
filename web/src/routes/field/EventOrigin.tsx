// Where an event came from, shown beside it in the operations room: the phone, whether it
// was recorded offline, and how long after it happened the ledger learnt of it.
import type { RecordedEvent } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { formatDelay } from "./delay.ts";

export function EventOrigin({ record }: { record: RecordedEvent }) {
  const { t } = useI18n();
  const origin = record.event.origin;
  if (!origin) return null;
  const delay = (Date.parse(record.recordedAt) - Date.parse(record.event.eventTime)) / 1000;
  const parts = [
    t("origin.phone", { device: origin.device.slice(0, 8) }),
    ...(origin.offline ? [t("origin.offline")] : []),
    t("origin.after", { delay: formatDelay(delay, t) }),
    ...(origin.claimedEventTime ? [t("origin.clamped")] : []),
  ];
  return (
    <p className="event-origin small muted" data-testid="event-origin">
      {parts.join(" · ")}
    </p>
  );
}
