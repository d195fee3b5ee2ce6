// The latest events as they happened: newest event time first (a fact recorded late sits
// where it happened, not on top), with places and goods named in the reader's language.
import type { RecordedEvent } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { EventOrigin } from "../field/EventOrigin.tsx";
import { short } from "../../app/names.ts";

interface Names {
  place(code: string | undefined): string;
  item(code: string): string;
}

/** Newest event time first; the ledger's sequence breaks ties. */
export const byEventTimeDesc = (a: RecordedEvent, b: RecordedEvent): number =>
  Date.parse(b.event.eventTime) - Date.parse(a.event.eventTime) || b.seq - a.seq;

export function RecentEvents({ events, names, timeZone }: { events: RecordedEvent[]; names: Names; timeZone: string }) {
  const { t, dateTime, quantity } = useI18n();
  if (events.length === 0) return <p className="muted">{t("dashboard.noEvents")}</p>;
  return (
    <ol className="events">
      {[...events].sort(byEventTimeDesc).map((record) => {
        const { seq, event } = record;
        return (
          <li key={seq} className={`event event-${event.type}`}>
            <p className="event-what">
              <strong>{t(`event.${event.type}` as MessageKey)}</strong>
              {event.unit && <span className="event-unit">{event.unit}</span>}
            </p>
            <p className="event-where">
              {event.location
                ? short(names.place(event.location))
                : event.from && event.to
                  ? t("event.fromTo", { from: short(names.place(event.from)), to: short(names.place(event.to)) })
                  : null}
            </p>
            {event.lines && event.lines.length > 0 && (
              <p className="event-lines">
                {event.lines
                  .map((l) => `${short(names.item(l.item))} ${l.uom ? quantity(l.quantity, l.uom) : l.quantity}`)
                  .join(" · ")}
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
