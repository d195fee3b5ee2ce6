import { useOperations } from "../../api/operations.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, opPath } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";

export function OperationPicker() {
  const operations = useOperations();
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("operations.title")} intro={t("operations.intro")} />
      {operations.isPending && <Loading />}
      {operations.isError && <QueryError error={operations.error} retry={() => operations.refetch()} />}
      {operations.data?.length === 0 && <p className="notice">{t("operations.none")}</p>}
      <ul className="op-list">
        {operations.data?.map((op) => (
          <li key={op.code} className="op-card">
            <h2><Link to={opPath(op.code)}>{op.name}</Link></h2>
            <p className="op-code">{op.code}</p>
            <p className="op-description">{op.description}</p>
            <dl className="facts">
              <div><dt>{t("operations.role")}</dt><dd>{t(`role.${op.role}`)}</dd></div>
              <div><dt>{t("operations.timeZone")}</dt><dd>{op.timeZone}</dd></div>
              <div><dt>{t("dashboard.ledger")}</dt><dd>{t("operations.events", { count: op.lastSeq })}</dd></div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
