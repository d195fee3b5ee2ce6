// One transport unit: what it is, where it was last seen, its manifest, the timeline of
// its events in event-time order, and the discrepancies about it.
import { nameIn } from "../../app/names.ts";
import { useUnit } from "../../api/units.ts";
import { ApiError } from "../../api/client.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { Link, opPath } from "../../app/router.tsx";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";

export default function UnitPage({ op, timeZone, number: unitNumber }: PageProps & { number: string }) {
  const { t, number, uom, dateTime, maybe, language } = useI18n();
  const unit = useUnit(op, unitNumber, language);
  const locations = useLocations(op);
  const items = useItems(op);
  const place = (code: string | undefined | null) =>
    code ? ((n) => (n ? nameIn(n, language) : code))(locations.data?.find((l) => l.code === code)) : "—";
  const itemName = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(items.data?.find((i) => i.code === code));
  const back = (
    <Link to={opPath(op, "units")} className="button button-quiet">
      ← {t("units.back")}
    </Link>
  );
  const title = unit.data?.unit.kind
    ? `${t(`units.kind.${unit.data.unit.kind}` as MessageKey)} ${unitNumber}`
    : unitNumber;

  if (unit.isError && unit.error instanceof ApiError && unit.error.status === 404) {
    return (
      <>
        <PageHeader title={unitNumber} actions={back} />
        <p className="notice" role="alert">
          {t("units.notFound", { number: unitNumber })}
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} actions={back} />
      {unit.isPending && <Loading />}
      {unit.isError && <QueryError error={unit.error} retry={() => unit.refetch()} />}
      {unit.data && (
        <div className="unit-grid">
          <section className="panel unit-facts" aria-label={t("units.state")}>
            <dl className="facts">
              <div>
                <dt>{t("units.state")}</dt>
                <dd>
                  <span className={`status status-${unit.data.state.status}`}>
                    {t(`units.status.${unit.data.state.status}` as MessageKey)}
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t("units.lastSeen")}</dt>
                <dd>
                  {place(unit.data.state.lastLocation)}
                  {unit.data.state.lastEventTime ? ` · ${dateTime(unit.data.state.lastEventTime, timeZone)}` : ""}
                </dd>
              </div>
              <div>
                <dt>{t("units.consignment")}</dt>
                <dd>
                  {unit.data.unit.consignment
                    ? t("units.partOf", { consignment: unit.data.unit.consignment, part: unit.data.unit.part ?? "—" })
                    : "—"}
                </dd>
              </div>
              <div>
                <dt>{t("units.number")}</dt>
                <dd>
                  {unit.data.unit.numberVerified
                    ? t("units.verified", { scheme: unit.data.unit.scheme })
                    : t("units.unverified")}
                </dd>
              </div>
            </dl>
          </section>
          <div className="unit-column">
            <Panel id="unit-manifest" title={t("units.manifest")}>
              {unit.data.manifest.length === 0 ? (
                <p className="muted">{t("units.noCargo")}</p>
              ) : (
                <table className="table table-compact" data-testid="unit-manifest">
                  <thead>
                    <tr>
                      <th scope="col">{t("stock.item")}</th>
                      <th scope="col" className="num">
                        {t("stock.quantity")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {unit.data.manifest.map((m) => (
                      <tr key={m.item}>
                        <th scope="row">
                          <span className="cell-title">{itemName(m.item)}</span>
                          <span className="cell-sub code">{m.item}</span>
                        </th>
                        <td className="num">
                          {number(m.quantity)} {uom(m.uom)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Panel>
            <Panel id="unit-discrepancies" title={t("units.discrepancies")}>
              {unit.data.discrepancies.length === 0 ? (
                <p className="muted">{t("units.noDiscrepancies")}</p>
              ) : (
                <ul className="unit-discrepancies">
                  {unit.data.discrepancies.map((d) => (
                    <li key={d.id}>
                      <span className={`status status-d-${d.status}`}>{d.status}</span> <strong>{d.kind}</strong>
                      <p className="small">{d.explanation}</p>
                    </li>
                  ))}
                </ul>
              )}
            </Panel>
          </div>
          <Panel id="unit-timeline" title={t("units.timeline")} className="unit-timeline">
            {unit.data.timeline.length === 0 ? (
              <p className="muted">{t("units.noEvents")}</p>
            ) : (
              <ol className="events timeline" data-testid="unit-timeline">
                {unit.data.timeline.map(({ seq, recordedAt, event }) => (
                  <li key={seq} className={`event event-${event.type}`}>
                    <p className="event-what">
                      <strong>{maybe(`event.${event.type}`, event.type)}</strong>
                    </p>
                    <p className="event-where">{place(event.location ?? event.to)}</p>
                    {event.lines && event.lines.length > 0 && (
                      <p className="event-lines">
                        {event.lines
                          .map((l) =>
                            `${itemName(l.item).split(/[,(]/)[0]!.trim()} ${number(l.quantity)} ${uom(l.uom ?? "")}`.trim(),
                          )
                          .join(" · ")}
                      </p>
                    )}
                    <p className="event-meta">
                      <time dateTime={event.eventTime}>{dateTime(event.eventTime, timeZone)}</time>
                      <span
                        className="event-seq"
                        title={t("units.recordedAt", { time: dateTime(recordedAt, timeZone) })}
                      >
                        #{seq}
                      </span>
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </div>
      )}
    </>
  );
}
