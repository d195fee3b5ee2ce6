// What a discrepancy is about, as a link where the UI has a page for it: `unit:<number>`
// opens the unit's page; events, claims and stock positions are shown as text.
import { Link, opPath } from "../../app/router.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

export function Subject({ op, subject }: { op: string; subject: string }) {
  const { t } = useI18n();
  const [kind, ...rest] = subject.split(":");
  const value = rest.join(":");
  switch (kind) {
    case "unit":
      return (
        <Link to={unitPath(op, value)} className="unit-chip">
          {t("discrepancies.unit", { unit: value })}
        </Link>
      );
    case "stock": {
      const [location, item] = value.split("|");
      return <span>{t("discrepancies.stockAt", { item: item ?? "", location: location ?? "" })}</span>;
    }
    case "consignment":
      return <span>{t("discrepancies.consignment", { code: value })}</span>;
    case "claim":
      return <span>{t("discrepancies.claim")}</span>;
    case "event":
      return (
        <span>
          {t("discrepancies.event")} <code className="code">{shortId(value)}</code>
        </span>
      );
    default:
      return <span className="code">{subject}</span>;
  }
}

export const unitPath = (op: string, unit: string) => `${opPath(op, "units")}/${encodeURIComponent(unit)}`;

/** UUIDv7 ids share their time prefix; the last block tells them apart at a glance. */
export const shortId = (id: string) => `…${id.slice(-12)}`;
