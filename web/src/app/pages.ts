// The operation's pages, in navigation order. A page for a new API (consignments,
// discrepancies, needs and plans, exports) slots in as one more entry: its component,
// its label, and who sees it.
import { lazy, type ComponentType } from "react";
import type { Role } from "../../../src/core/roles.ts";
import { canRecordArrivals } from "./permissions.ts";
import type { MessageKey } from "../i18n/en.ts";
import type { Capabilities } from "../api/capabilities.ts";
import { DashboardPage } from "../routes/dashboard/DashboardPage.tsx";

export interface PageProps {
  op: string;
  role: Role;
  timeZone: string;
}

export interface OperationPage {
  /** Path segment under /op/:op ("" for the dashboard). */
  segment: string;
  label: MessageKey;
  icon: "dashboard" | "stock" | "map" | "record" | "reports" | "units";
  component: ComponentType<PageProps>;
  visible(role: Role, capabilities: Capabilities | undefined): boolean;
}

const StockPage = lazy(() => import("../routes/stock/StockPage.tsx"));
const MapPage = lazy(() => import("../routes/map/MapPage.tsx"));
const RecordEventPage = lazy(() => import("../routes/record/RecordEventPage.tsx"));
const ReportsPage = lazy(() => import("../routes/reports/ReportsPage.tsx"));
const UnitsPage = lazy(() => import("../routes/units/UnitsPage.tsx"));

export const OPERATION_PAGES: OperationPage[] = [
  { segment: "", label: "nav.dashboard", icon: "dashboard", component: DashboardPage, visible: () => true },
  { segment: "stock", label: "nav.stock", icon: "stock", component: StockPage, visible: () => true },
  { segment: "units", label: "nav.units", icon: "units", component: UnitsPage, visible: () => true },
  { segment: "map", label: "nav.map", icon: "map", component: MapPage, visible: () => true },
  { segment: "record", label: "nav.record", icon: "record", component: RecordEventPage, visible: (role) => canRecordArrivals(role) },
  { segment: "reports", label: "nav.reports", icon: "reports", component: ReportsPage, visible: () => true },
];
