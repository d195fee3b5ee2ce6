import type { Item, Location, RecordedEvent } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { EventOrigin } from "../field/EventOrigin.tsx";

export function RecentEvents({ events, locations, items, timeZone }: { events: RecordedEvent[]; locations: Location[]; items: Item[]; timeZone: string }) {
  const { t, number, dateTime, uom } = useI18n();
  const placeName = (code: string | undefined) => (code ? (locations.find((l) => l.code === code)?.name ?? code).split(/[,(]/)[0]!.trim() : "");
  const itemName = (code: string) => (items.find((i) => i.code === code)?.name ?? code).split(/[,(]/)[0]!.trim();
  if (events.length === 0) return <p className="muted">{t("dashboard.noEvents")}</p>;
  return (
    <ol className="events">
      {events.map((record) => {
        const { seq, event } = record;
        return (
        <li key={seq} className={`event event-${event.type}`}>
          <p className="event-what">
            <strong>{t(`event.${event.type}` as MessageKey)}</strong>
            {event.unit && <span className="event-unit">{event.unit}</span>}
          </p>
          <p className="event-where">
            {event.location ? placeName(event.location) : event.from && event.to ? t("event.fromTo", { from: placeName(event.from), to: placeName(event.to) }) : null}
          </p>
          {event.lines && event.lines.length > 0 && (
            <p className="event-lines">
              {event.lines.map((l) => `${itemName(l.item)} ${number(l.quantity)} ${uom(l.uom ?? "")}`.trim()).join(" · ")}
            </p>
          )}
          <p className="event-meta">
            <time dateTime={event.eventTime}>{dateTime(event.eventTime, timeZone)}</time>
            <span className="event-seq">#{seq}</span>
          </p>
          <EventOrigin record={record} />
        </li>
        );
      })}
    </ol>
  );
}
