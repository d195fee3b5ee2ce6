// A finding's explanation in the reader's language, rendered from its facts: what was
// found, with names, quantities and times a person recognises, and what to do about it.
// Russian sentences are built around nouns ("разгрузка", "прибытие") so no verb has to
// agree with a unit's or a place's gender.
import type { Describe } from "./describe.ts";
import type { FindingFacts, Happened } from "./facts.ts";
import type { Finding } from "./finding.ts";

/** A finding with its facts and, from them, its explanation in the describer's language (English when stored). */
export function finding(base: Omit<Finding, "explanation">, d: Describe): Finding {
  return { ...base, explanation: explain(base.facts, d) };
}

export function explain(facts: FindingFacts, d: Describe): string {
  return d.lang === "ru" ? russian(facts, d) : english(facts, d);
}

const METRIC_RU = {
  loaded: "погружено",
  departed: "отправлено",
  arrived: "прибыло",
  unloaded: "разгружено",
  received: "принято",
} as const;

function english(f: FindingFacts, d: Describe): string {
  const when = (h: Happened) => `${d.at(h.place)} on ${d.time(h.time)}`;
  switch (f.kind) {
    case "unverified-number":
      return (
        `${d.unit(f.unit)} was registered as read although its check digit fails` +
        (f.expectedDigit ? ` (the number calls for ${f.expectedDigit})` : "") +
        ". Check the number against the wagon's papers or its owner, then resolve this."
      );
    case "unloaded-before-arrived":
      return (
        `${d.unit(f.unit)} was ${f.verb} ${when(f.at)} but its arrival was never recorded` +
        (f.departed ? ` (it departed ${d.place(f.departed.place)} on ${d.time(f.departed.time)})` : "") +
        "; record the arrival (late events are welcome) or explain."
      );
    case "unloaded-never-loaded":
      return (
        `${d.unit(f.unit)} was ${f.verb} ${when(f.at)} but nothing was recorded as loaded on it for this trip; ` +
        "record the loading (late events are welcome) or correct the unloading."
      );
    case "arrived-never-departed":
      return (
        `${d.unit(f.unit)} arrived ${when(f.at)} but its departure was never recorded` +
        (f.loaded ? ` (it was loaded ${when(f.loaded)})` : "") +
        "; record the departure (late events are welcome) or explain."
      );
    case "arrived-twice":
      return (
        `${d.unit(f.unit)} arrived twice with no departure between: ${when(f.first)} and ${when(f.second)}; ` +
        "record the departure between them if it moved, or explain the second record."
      );
    case "unloaded-twice":
      return (
        `${d.unit(f.unit)} was unloaded again ${when(f.at)}, after it had been emptied (first unloaded on ${d.time(f.firstUnloadedAt)}); ` +
        "if it was reloaded, record the loading, otherwise explain the second unloading."
      );
    case "receipt-short":
    case "receipt-over": {
      const against = f.against === "manifest" ? "the manifest" : "the expected quantity";
      const diff =
        f.kind === "receipt-short"
          ? `${d.quantity(f.difference, f.uom)} short of ${against}`
          : `${d.quantity(f.difference, f.uom)} more than ${against}`;
      const nextStep =
        f.kind === "receipt-short"
          ? "find the missing goods or record the loss with an explanation."
          : "check the count and where the extra goods came from.";
      return `Receipt of ${d.item(f.item)} ${f.unit ? `from ${d.unit(f.unit)} ` : ""}${when(f.at)} counted ${d.quantity(f.counted, f.uom)}, ${diff} (${d.quantity(f.expected, f.uom)}); ${nextStep}`;
    }
    case "receipt-damaged":
      return `${d.quantity(f.quantity, f.uom)} of ${d.item(f.item)} in the receipt ${f.unit ? `from ${d.unit(f.unit)} ` : ""}${when(f.at)} were found damaged; decide whether to write them off.`;
    case "stale-in-transit":
      return (
        `${d.unit(f.unit)} departed ${d.place(f.departed.place)} on ${d.time(f.departed.time)} and has been in transit for ${d.number(f.days)} days ` +
        `(more than ${d.number(f.thresholdDays)}) with no arrival recorded; find where it is, and record its arrival or unloading.`
      );
    case "negative-stock":
      return (
        `${d.place(f.place)} shows ${d.quantity(f.balance, f.uom)} of ${d.item(f.item)} on ${d.time(f.time)}: more left it than was recorded arriving by then; ` +
        "record the missing receipt or loading, or correct the move that took too much."
      );
    case "more-units-than-planned":
      return (
        `Consignment ${f.consignment} (${d.consignment(f.consignment)}) was planned with ${d.number(f.planned)} units but ${d.number(f.registered)} are registered to it ` +
        `(the last ones: ${f.extra.slice(0, 5).join(", ")}); correct the plan or move the extra units to another consignment.`
      );
    case "claim-differs": {
      const of = f.ofTotal ? ` of ${d.number(f.ofTotal)}` : "";
      const implied =
        f.implied > 0
          ? `, and ${d.number(f.implied)} more have a later step recorded (so they must have ${f.metric} too)`
          : "";
      return (
        `${f.source} (as of ${f.asOf}) says ${d.number(f.claimed)}${of} units of consignment ${f.consignment} ${f.metric}; ` +
        `the ledger has ${d.number(f.recorded)} recorded as ${f.metric}${implied}: ${d.number(f.reached)} of ${d.number(f.planned)}. ` +
        "Record the missing steps, or correct the published figure."
      );
    }
    default: {
      const never: never = f;
      return never;
    }
  }
}

function russian(f: FindingFacts, d: Describe): string {
  const when = (h: Happened) => `${d.at(h.place)} ${d.time(h.time)}`;
  const action = (verb: "unloaded" | "received") => (verb === "unloaded" ? "разгрузка" : "приёмка");
  const days = (n: number) => {
    const form = new Intl.PluralRules("ru").select(n);
    return `${d.number(n)}\u00a0${form === "one" ? "день" : form === "few" ? "дня" : "дней"}`;
  };
  switch (f.kind) {
    case "unverified-number":
      return (
        `${d.unit(f.unit)}: номер записан так, как прочитан, но контрольная цифра не сходится` +
        (f.expectedDigit ? ` (по номеру должна быть ${f.expectedDigit})` : "") +
        ". Сверьте номер с документами или у владельца, затем закройте расхождение."
      );
    case "unloaded-before-arrived":
      return (
        `${d.unit(f.unit)}: ${action(f.verb)} ${when(f.at)}, но прибытие не зарегистрировано` +
        (f.departed ? ` (отправление: ${d.place(f.departed.place)}, ${d.time(f.departed.time)})` : "") +
        ". Зарегистрируйте прибытие (запоздалые события принимаются) или объясните."
      );
    case "unloaded-never-loaded":
      return (
        `${d.unit(f.unit)}: ${action(f.verb)} ${when(f.at)}, но погрузка в этом рейсе не зарегистрирована. ` +
        "Зарегистрируйте погрузку (запоздалые события принимаются) или исправьте разгрузку."
      );
    case "arrived-never-departed":
      return (
        `${d.unit(f.unit)}: прибытие ${when(f.at)}, но отправление не зарегистрировано` +
        (f.loaded ? ` (погрузка: ${when(f.loaded)})` : "") +
        ". Зарегистрируйте отправление (запоздалые события принимаются) или объясните."
      );
    case "arrived-twice":
      return (
        `${d.unit(f.unit)}: два прибытия без отправления между ними — ${when(f.first)} и ${when(f.second)}. ` +
        "Если единица перемещалась, зарегистрируйте отправление; иначе объясните вторую запись."
      );
    case "unloaded-twice":
      return (
        `${d.unit(f.unit)}: повторная разгрузка ${when(f.at)} после того, как единица уже была опорожнена (первая разгрузка: ${d.time(f.firstUnloadedAt)}). ` +
        "Если её загрузили снова, зарегистрируйте погрузку; иначе объясните вторую разгрузку."
      );
    case "receipt-short":
    case "receipt-over": {
      const against = f.against === "manifest" ? "по манифесту" : "ожидалось";
      const diff =
        f.kind === "receipt-short"
          ? `на ${d.quantity(f.difference, f.uom)} меньше`
          : `на ${d.quantity(f.difference, f.uom)} больше`;
      const nextStep =
        f.kind === "receipt-short"
          ? "Найдите недостающее или оформите списание с объяснением."
          : "Проверьте пересчёт и откуда взялся излишек.";
      return (
        `Приёмка «${d.item(f.item)}»${f.unit ? ` из единицы ${d.unit(f.unit)}` : ""} ${when(f.at)}: пересчитано ${d.quantity(f.counted, f.uom)}, ` +
        `${diff}, чем ${against} (${d.quantity(f.expected, f.uom)}). ${nextStep}`
      );
    }
    case "receipt-damaged":
      return `Приёмка «${d.item(f.item)}»${f.unit ? ` из единицы ${d.unit(f.unit)}` : ""} ${when(f.at)}: повреждено ${d.quantity(f.quantity, f.uom)}. Решите, списывать ли.`;
    case "stale-in-transit":
      return (
        `${d.unit(f.unit)}: отправление — ${d.place(f.departed.place)}, ${d.time(f.departed.time)}; в пути ${days(f.days)} (порог — ${days(f.thresholdDays)}), ` +
        "прибытие не зарегистрировано. Выясните, где единица, и зарегистрируйте прибытие или разгрузку."
      );
    case "negative-stock":
      return (
        `${d.place(f.place)}: остаток «${d.item(f.item)}» на ${d.time(f.time)} — ${d.quantity(f.balance, f.uom)}: убыло больше, чем к тому времени поступило по журналу. ` +
        "Зарегистрируйте недостающую приёмку или погрузку либо исправьте перемещение."
      );
    case "more-units-than-planned":
      return (
        `Груз «${d.consignment(f.consignment)}» (${f.consignment}): запланировано единиц — ${d.number(f.planned)}, зарегистрировано — ${d.number(f.registered)} ` +
        `(последние: ${f.extra.slice(0, 5).join(", ")}). Исправьте план или перенесите лишние единицы в другой груз.`
      );
    case "claim-differs": {
      const of = f.ofTotal ? ` из ${d.number(f.ofTotal)}` : "";
      const implied =
        f.implied > 0
          ? `; ещё у ${d.number(f.implied)} зарегистрирован более поздний этап (значит, ${METRIC_RU[f.metric]} и они)`
          : "";
      return (
        `${f.source} (на ${f.asOf}): ${METRIC_RU[f.metric]} ${d.number(f.claimed)}${of} единиц груза «${d.consignment(f.consignment)}»; ` +
        `по журналу ${METRIC_RU[f.metric]} ${d.number(f.recorded)}${implied} — всего ${d.number(f.reached)} из ${d.number(f.planned)}. ` +
        "Зарегистрируйте недостающие этапы или исправьте опубликованную цифру."
      );
    }
    default: {
      const never: never = f;
      return never;
    }
  }
}
