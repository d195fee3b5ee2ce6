// English messages of the figures work: the lead figure, the hub chart's scale, the
// publish dialog and the public view link (spread into en.ts).
import type { Message } from "./message.ts";

export const enFigures = {
  "discrepancies.kind.unloaded-never-loaded": "Unloaded, never loaded",
  "discrepancies.kind.arrived-never-departed": "Arrived, never departed",
  "figures.leadSplit": {
    one: "{recorded} arrival recorded; {inferred} inferred from their unloading",
    other: "{recorded} arrivals recorded; {inferred} inferred from their unloading",
  },
  "figures.recordedBeside": "{count} recorded",
  "figures.inferredLink": {
    one: "{count} arrival not recorded: see why",
    other: "{count} arrivals not recorded: see why",
  },
  "figures.atOrLater": "Units at each step or a later one (an unloading means the unit arrived)",
  "figures.arrivalsRecorded": "Arrivals recorded",
  "figures.hubChart": "Stock at {hub} against assessed needs",
  "figures.hubScale":
    "Each bar is the stock on hand as a share of the total assessed need for that item: a full bar would meet every need. The figure is the quantity on hand.",
  "figures.noNeed": "no assessed need",
  "figures.ofNeed": "{percent} of need",
  "figures.publicView": "Open the public view",
  "figures.publicViewNone":
    "Nothing is public yet: publish a statement or a snapshot, and the public view will show it.",
  "figures.publishTitle": "Publish {what}?",
  "figures.publishWhatStatement": "the statement of {date} ({lang})",
  "figures.publishWhatSnapshot": "a snapshot of the figures",
  "figures.publishClean":
    "No open discrepancy touches its figures. It will appear on the public view at once, with the ledger head it was computed at.",
  "figures.publishTouched": {
    one: "{count} open discrepancy touches its figures. Publishing anyway shows it, with your note, on the public view.",
    other:
      "{count} open discrepancies touch its figures. Publishing anyway shows them, with your note, on the public view.",
  },
  "figures.touchingList": "Open discrepancies that touch the figures",
  "figures.touches": "Touches",
  "figures.note": "Why publish anyway (shown with the publication)",
  "figures.noteRequired": "Say why it is published anyway.",
  "figures.acknowledge": {
    one: "I have read this open discrepancy and publish anyway",
    other: "I have read these {count} open discrepancies and publish anyway",
  },
  "figures.acknowledgeRequired": "Confirm that you have read them.",
  "figures.changed": "The list changed while you were reading it: a discrepancy was opened or closed. Read it again.",
  "figures.publish": "Publish",
  "figures.publishAnyway": "Publish anyway",
  "figures.cancel": "Cancel",
  "figures.checking": "Checking the figures…",
  "figures.published": "Published.",
  "figures.acknowledged": {
    one: "with {count} open discrepancy acknowledged",
    other: "with {count} open discrepancies acknowledged",
  },
  "notLoaded.segment.car": "Cars not yet loaded",
  "notLoaded.segment.truck": "Trucks not yet loaded",
  "notLoaded.segment.unit": "Units not yet loaded",
  "notLoaded.consignment.car": "{consignment}: {count} of {planned} cars not yet loaded",
  "notLoaded.consignment.truck": "{consignment}: {count} of {planned} trucks not yet loaded",
  "notLoaded.consignment.unit": "{consignment}: {count} of {planned} units not yet loaded",
  "notLoaded.unassigned.car": {
    one: "{count} car of no consignment not yet loaded",
    other: "{count} cars of no consignment not yet loaded",
  },
  "notLoaded.unassigned.truck": {
    one: "{count} truck of no consignment not yet loaded",
    other: "{count} trucks of no consignment not yet loaded",
  },
  "notLoaded.unassigned.container": {
    one: "{count} container of no consignment not yet loaded",
    other: "{count} containers of no consignment not yet loaded",
  },
  "notLoaded.title": "Not yet loaded (no known position)",
  "received.perUnitNote":
    "Received per unit: units whose cargo was counted at receipt naming the unit. A count at the hub that names no unit shows in the stock, not here.",
  "allocated.plans": "Allocated counts approved plans only: {approved} approved, {draft} draft (not counted).",
} satisfies Record<string, Message>;
