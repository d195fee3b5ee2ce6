// The demo's tracking data: the teams, the consignment "54 rail cars" in three parts
// over a rail leg and a road leg, every car registered with its manifest, the trucks
// of the road leg, and the figure the press service published on 20 December 2020.
import type { NewConsignment } from "../app/consignments.ts";
import type { NewUnit } from "../app/units.ts";
import type { NewClaim } from "../app/reconcile.ts";
import type { ManifestRow } from "../core/manifest.ts";
import { DEMO_CARS, DEMO_TRUCKS, HUB, ORIGIN, RAILHEAD } from "./origin.ts";

export const DEMO_TEAMS = [
  {
    code: "JG-STP",
    name: "Joint grouping of the Emergencies Ministry, Stepanakert",
    organisation: "MCHS",
    names: {
      en: {
        name: "Joint grouping of the Emergencies Ministry",
        agent: "specialists of the Russian Emergencies Ministry's joint grouping",
      },
      ru: { name: "Объединённая группировка МЧС России", agent: "специалисты Объединённой группировки МЧС России" },
    },
  },
  {
    code: "MCHS-NOGINSK",
    name: "Loading team, Noginsk rescue centre base",
    organisation: "MCHS",
    names: {
      en: { name: "Loading team, Noginsk rescue centre", agent: "the loading team of the Noginsk rescue centre" },
      ru: {
        name: "Погрузочная команда Ногинского спасательного центра",
        agent: "специалисты Ногинского спасательного центра",
      },
    },
  },
];

export const DEMO_CONSIGNMENT: NewConsignment = {
  code: "STP-54",
  name: "54 rail cars",
  names: { ru: { name: "54 вагона" } },
  origin: ORIGIN,
  destination: HUB,
  donor: "MCHS",
  plannedUnits: 54,
  mode: "multimodal",
  parts: [
    { number: 1, plannedDeparture: "2020-11-28", plannedUnits: 9 },
    { number: 2, plannedDeparture: "2020-12-09", plannedUnits: 17 },
    { number: 3, plannedDeparture: null, plannedUnits: 28 },
  ],
  legs: [
    { seq: 1, mode: "rail", from: ORIGIN, to: RAILHEAD },
    { seq: 2, mode: "road", from: RAILHEAD, to: HUB },
  ],
};

/** The road leg, railhead → Stepanakert, that the trucks travel. */
export const DEMO_ROAD_LEG = 2;

const KINDS = { covered: "covered-wagon", gondola: "gondola", flatcar: "flatcar" } as const;

export const DEMO_UNITS: NewUnit[] = [
  ...DEMO_CARS.map((c): NewUnit => ({
    number: c.number,
    scheme: "rail1520",
    kind: KINDS[c.kind],
    consignment: DEMO_CONSIGNMENT.code,
    part: c.part,
  })),
  ...DEMO_TRUCKS.map((plate): NewUnit => ({ number: plate, scheme: "plate", kind: "truck" })),
];

export const DEMO_MANIFEST_ROWS: ManifestRow[] = DEMO_CARS.flatMap((c) =>
  c.cargo.map((l) => ({ unit: c.number, item: l.item, quantity: l.quantity })),
);

export const DEMO_CLAIM: NewClaim = {
  consignment: DEMO_CONSIGNMENT.code,
  metric: "arrived",
  claimed: 9,
  ofTotal: 54,
  asOf: "2020-12-20",
  source: "Emergencies Ministry press statement of 20 Dec 2020 (TASS)",
};
