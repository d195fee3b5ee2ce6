// The operation's pages, in navigation order. A page for a new API (consignments,
// discrepancies, needs and plans, exports) slots in as one more entry: its component,
// its label, and who sees it.
import { lazy, type ComponentType } from "react";
import type { Role } from "../../../src/core/roles.ts";
import { canRecordArrivals } from "./permissions.ts";
import type { MessageKey } from "../i18n/en.ts";
import type { Capabilities } from "../api/capabilities.ts";
import type { PageProps } from "./page-props.ts";
import { DashboardPage } from "../routes/dashboard/DashboardPage.tsx";

export interface OperationPage {
  /** Path segment under /op/:op ("" for the dashboard). */
  segment: string;
  label: MessageKey;
  icon:
    | "dashboard"
    | "stock"
    | "map"
    | "record"
    | "reports"
    | "units"
    | "discrepancies"
    | "needs"
    | "plan"
    | "distribution"
    | "field";
  component: ComponentType<PageProps>;
  visible(role: Role, capabilities: Capabilities | undefined): boolean;
}

const StockPage = lazy(() => import("../routes/stock/StockPage.tsx"));
const MapPage = lazy(() => import("../routes/map/MapPage.tsx"));
const RecordEventPage = lazy(() => import("../routes/record/RecordEventPage.tsx"));
const ReportsPage = lazy(() => import("../routes/reports/ReportsPage.tsx"));
const UnitsPage = lazy(() => import("../routes/units/UnitsPage.tsx"));
const DiscrepanciesPage = lazy(() => import("../routes/discrepancies/DiscrepanciesPage.tsx"));
const NeedsPage = lazy(() => import("../routes/allocation/NeedsPage.tsx"));
const PlanPage = lazy(() => import("../routes/allocation/PlanPage.tsx"));
const DistributionPage = lazy(() => import("../routes/allocation/DistributionPage.tsx"));
const FieldPage = lazy(() => import("../routes/field/FieldPage.tsx"));

export const OPERATION_PAGES: OperationPage[] = [
  { segment: "", label: "nav.dashboard", icon: "dashboard", component: DashboardPage, visible: () => true },
  { segment: "stock", label: "nav.stock", icon: "stock", component: StockPage, visible: () => true },
  { segment: "units", label: "nav.units", icon: "units", component: UnitsPage, visible: () => true },
  { segment: "map", label: "nav.map", icon: "map", component: MapPage, visible: () => true },
  {
    segment: "record",
    label: "nav.record",
    icon: "record",
    component: RecordEventPage,
    visible: (role) => canRecordArrivals(role),
  },
  {
    segment: "discrepancies",
    label: "nav.discrepancies",
    icon: "discrepancies",
    component: DiscrepanciesPage,
    visible: () => true,
  },
  { segment: "needs", label: "nav.needs", icon: "needs", component: NeedsPage, visible: () => true },
  { segment: "plan", label: "nav.plan", icon: "plan", component: PlanPage, visible: () => true },
  {
    segment: "distribution",
    label: "nav.distribution",
    icon: "distribution",
    component: DistributionPage,
    visible: () => true,
  },
  { segment: "reports", label: "nav.reports", icon: "reports", component: ReportsPage, visible: () => true },
  { segment: "field", label: "nav.field", icon: "field", component: FieldPage, visible: () => true },
];
