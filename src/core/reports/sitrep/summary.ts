// The summary: the period's headline figures, then each consignment's progress by the end of it.
import type { Block } from "../document.ts";
import { fill } from "./labels.ts";
import { households, nameIn, unitsPhrase, type Ctx } from "./context.ts";
import { arrivedHeadline } from "../../arrived-headline.ts";

export function summary(ctx: Ctx): Block[] {
  const { data, f, L } = ctx;
  // Units that arrived in the period: the arrivals recorded and those the unloading implies.
  const arrived = [...data.arrivals, ...data.inferredArrivals];
  const arrivedNote = [
    ...(data.inferredArrivals.length > 0
      ? [
          fill(L.figArrivedSplit, {
            recorded: f.number(data.arrivals.length),
            inferred: f.number(data.inferredArrivals.length),
          }),
        ]
      : []),
    ...(arrived.length > 0
      ? [
          unitsPhrase(
            ctx,
            arrived.map((a) => a.unitKind),
          ),
        ]
      : []),
  ].join(" · ");
  const blocks: Block[] = [
    { kind: "heading", level: 2, text: L.summary },
    {
      kind: "figures",
      figures: [
        { label: L.figArrived, value: f.number(arrived.length), ...(arrivedNote && { note: arrivedNote }) },
        {
          label: L.figUnloaded,
          value: f.number(data.unloadings.length),
          ...(data.unloadings.length > 0 && {
            note: unitsPhrase(
              ctx,
              data.unloadings.map((u) => u.unitKind),
            ),
          }),
        },
        { label: L.figDistributed, value: f.number(households(data)) },
        { label: L.figDiscrepancies, value: f.number(data.discrepancies.length) },
      ],
    },
  ];
  for (const c of data.progress) {
    const values = {
      name: `${c.code} (${nameIn(c, ctx.f.lang) ?? c.name})`,
      // The lead figure in the dashboard's and the public page's words: "26 of 54 cars arrived".
      arrivedOf: arrivedHeadline(f.lang, c.mode, c.arrived.reached, c.planned, {
        number: (n) => f.number(n),
        position: "inline",
      }),
      recorded: f.number(c.arrived.recorded),
      inferred: f.number(c.arrived.inferred),
      unloaded: f.number(c.unloaded),
      planned: f.number(c.planned),
    };
    blocks.push({
      kind: "paragraph",
      text: fill(c.arrived.inferred > 0 ? L.progressNoteInferred : L.progressNote, values),
    });
  }
  return blocks;
}
