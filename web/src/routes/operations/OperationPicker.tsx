import { descriptionIn, nameIn } from "../../app/names.ts";
import { useOperations } from "../../api/operations.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useEffect } from "react";
import { Link, navigate, opPath } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";

/** The operations the user has a role in; arriving at "/" with exactly one, the user lands on its dashboard. */
export function OperationPicker({ landing = false }: { landing?: boolean }) {
  const operations = useOperations();
  const { t, language } = useI18n();
  const only = landing && operations.data?.length === 1 ? operations.data[0]! : undefined;
  useEffect(() => {
    if (only) navigate(opPath(only.code), { replace: true });
  }, [only]);
  if (only) return <Loading />;
  return (
    <>
      <PageHeader title={t("operations.title")} intro={t("operations.intro")} />
      {operations.isPending && <Loading />}
      {operations.isError && <QueryError error={operations.error} retry={() => operations.refetch()} />}
      {operations.data?.length === 0 && <p className="notice">{t("operations.none")}</p>}
      <ul className="op-list">
        {operations.data?.map((op) => (
          <li key={op.code} className="op-card">
            <h2>
              <Link to={opPath(op.code)}>{nameIn(op, language)}</Link>
            </h2>
            <p className="op-code">{op.code}</p>
            <p className="op-description">{descriptionIn(op, language)}</p>
            <dl className="facts">
              <div>
                <dt>{t("operations.role")}</dt>
                <dd>{t(`role.${op.role}`)}</dd>
              </div>
              <div>
                <dt>{t("operations.timeZone")}</dt>
                <dd>{op.timeZone}</dd>
              </div>
              <div>
                <dt>{t("dashboard.ledger")}</dt>
                <dd>{t("operations.events", { count: op.lastSeq })}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
