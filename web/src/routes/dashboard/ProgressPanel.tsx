// Consignment progress at a glance. The headline is the lead figure: the units the ledger
// implies arrived ("26 of 54 cars arrived"), with the arrivals recorded and the gap beside
// it; the segmented bar, the step cards and the tables count the same way (units at a
// step or a later one), so none of them disagrees with the headline. Every figure comes
// from the server's progress API.
import { useProgress, type ConsignmentProgress } from "../../api/progress.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { Link, opPath } from "../../app/router.tsx";
import { Loading, Panel, QueryError } from "../../app/ui.tsx";
import { nameIn, short, useNames } from "../../app/names.ts";
import { SEGMENTS, SegmentedBar, segmentsOf } from "./SegmentedBar.tsx";
import { unitNounOfMode } from "../../../../src/core/not-loaded.ts";
import { arrivedHeadline } from "../../../../src/core/arrived-headline.ts";
import "./dashboard-live.css";

const COUNTED = ["departed", "arrived", "unloaded", "received"] as const;

/**
 * `asOf` is where the ledger stands (its head and the time of the latest event), said under the
 * headline so the lead figure is never read without its "as of".
 */
export function ProgressPanel({ op, asOf }: { op: string; asOf?: { seq: number; time?: string } }) {
  const { t } = useI18n();
  const progress = useProgress(op);
  return (
    <Panel id="progress-title" title={t("dashboard.progress")} className="panel-progress">
      {asOf && progress.data && progress.data.length > 0 && (
        <p className="muted progress-as-of" data-testid="progress-as-of">
          {asOf.time
            ? t("progress.asOf", { seq: asOf.seq, time: asOf.time })
            : t("progress.asOfSeq", { seq: asOf.seq })}
        </p>
      )}
      {progress.isPending && <Loading />}
      {progress.isError && <QueryError error={progress.error} retry={() => progress.refetch()} />}
      {progress.data?.length === 0 && <p className="muted">{t("progress.none")}</p>}
      {progress.data?.map((c) => (
        <ConsignmentSummary key={c.code} op={op} consignment={c} />
      ))}
    </Panel>
  );
}

function ConsignmentSummary({ op, consignment: c }: { op: string; consignment: ConsignmentProgress }) {
  const { t, number, language } = useI18n();
  const names = useNames(op);
  const place = (code: string) => short(names.place(code));
  const segments = segmentsOf(c.reached, c.plannedUnits, c.registered);
  const noun = unitNounOfMode(c.mode);
  // "Not yet loaded" names what it counts (the map says it in the same words).
  const segmentLabel = (s: (typeof SEGMENTS)[number]) =>
    s === "waiting" ? t(`notLoaded.segment.${noun}`) : t(`progress.segment.${s}` as MessageKey);
  const { lead } = c;
  // The same words as the public page and the situation report (core/arrived-headline.ts).
  const headline = arrivedHeadline(language, c.mode, lead.reached, lead.planned, { number });
  const split =
    lead.inferred > 0
      ? t("figures.leadSplit", { count: lead.recorded, recorded: lead.recorded, inferred: lead.inferred })
      : null;
  const barLabel = `${headline}${split ? ` (${split})` : ""}. ${SEGMENTS.filter((s) => segments[s] > 0)
    .map((s) => `${segmentLabel(s)}: ${number(segments[s])}`)
    .join("; ")}`;
  return (
    <div className="consignment" data-testid={`progress-${c.code}`}>
      <div className="consignment-head">
        <p className="consignment-headline" data-testid="progress-headline">
          {headline}
        </p>
        {split && (
          <p className="consignment-split" data-testid="progress-split">
            {split}
          </p>
        )}
        <p className="consignment-name">
          <span className="code">{c.code}</span> {nameIn(c, language)} · {place(c.origin)} → {place(c.destination)}
        </p>
      </div>
      <SegmentedBar segments={segments} label={barLabel} />
      <ul className="seg-legend" aria-label={t("progress.legend")}>
        {SEGMENTS.filter((s) => segments[s] > 0).map((s) => (
          <li key={s}>
            <span className={`swatch seg-${s}`} aria-hidden="true" />
            {segmentLabel(s)} <strong>{number(segments[s])}</strong>
          </li>
        ))}
      </ul>
      <dl className="stage-counts" data-testid="stage-counts" aria-label={t("figures.atOrLater")}>
        <div>
          <dt>{t("progress.stage.planned")}</dt>
          <dd>{number(c.plannedUnits)}</dd>
        </div>
        {COUNTED.map((s) => (
          <div key={s} data-stage={s}>
            <dt>{t(`progress.stage.${s}` as MessageKey)}</dt>
            <dd>{number(c.reached[s])}</dd>
            {c.recorded[s] !== c.reached[s] && (
              <dd className="stage-recorded">{t("figures.recordedBeside", { count: c.recorded[s] })}</dd>
            )}
          </div>
        ))}
      </dl>
      {c.reached.received < c.reached.unloaded && (
        <p className="muted small" data-testid="received-note">
          {t("received.perUnitNote")}
        </p>
      )}
      {lead.inferred > 0 && (
        <p className="progress-note">
          <Link to={`${opPath(op, "discrepancies")}?kind=unloaded-before-arrived`}>
            {t("figures.inferredLink", { count: lead.inferred })} →
          </Link>
        </p>
      )}
      <div className="progress-tables">
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("progress.byPart")}>
          <table className="table table-compact">
            <caption>{t("progress.byPart")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("progress.part")}</th>
                <th scope="col" className="num">
                  {t("progress.stage.planned")}
                </th>
                {COUNTED.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t(`progress.stage.${s}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.parts.map((p) => (
                <tr key={p.part}>
                  <th scope="row">{t("progress.partN", { n: p.part })}</th>
                  <td className="num">{number(p.plannedUnits ?? p.registered)}</td>
                  {COUNTED.map((s) => (
                    <td key={s} className="num">
                      {number(p.reached[s])}
                      {p.recorded[s] !== p.reached[s] && (
                        <span className="cell-sub">{t("figures.recordedBeside", { count: p.recorded[s] })}</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {c.legs.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("progress.byLeg")}>
            <table className="table table-compact">
              <caption>{t("progress.byLeg")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("progress.leg")}</th>
                  {(["departed", "arrived", "unloaded"] as const).map((s) => (
                    <th key={s} scope="col" className="num">
                      {t(`progress.stage.${s}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.legs.map((l) => (
                  <tr key={l.seq}>
                    <th scope="row">
                      <span className="cell-title">{t(`progress.mode.${l.mode}` as MessageKey)}</span>
                      <span className="cell-sub">
                        {place(l.from)} → {place(l.to)}
                      </span>
                    </th>
                    <td className="num">{number(l.departed)}</td>
                    <td className="num">
                      {number(l.arrived)}
                      {l.arrivedRecorded !== l.arrived && (
                        <span className="cell-sub">{t("figures.recordedBeside", { count: l.arrivedRecorded })}</span>
                      )}
                    </td>
                    <td className="num">{number(l.unloaded)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
