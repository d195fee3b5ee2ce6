// Russian messages of the claims checker on the Reports page (spread into ru.ts).
import type { Message } from "./message.ts";
import type { enClaims } from "./en-claims.ts";

export const ruClaims: Record<keyof typeof enClaims, Message> = {
  "claims.title": "Проверка цифр в тексте",
  "claims.intro":
    "Вставьте проект пресс-релиза, сводку партнёра или новость на русском или английском. Каждая цифра о вагонах, грузовиках и грузах операции будет сверена с реестром.",
  "claims.text": "Текст для проверки",
  "claims.placeholder": "К настоящему времени прибыли девять из 54 вагонов…",
  "claims.date": "Дата текста (необязательно)",
  "claims.dateHelp":
    "От неё отсчитываются «к настоящему времени» и «вчера». По умолчанию — дата в первой строке, иначе последний день с событиями.",
  "claims.check": "Проверить",
  "claims.checking": "Проверка…",
  "claims.result": "Цифры, найденные в тексте",
  "claims.none": "В тексте нет цифр о транспорте или грузах операции.",
  "claims.summary": "Подтверждено: {supported}, опровергнуто: {contradicted}, не проверяется: {notCheckable}.",
  "claims.asOf": "Дата текста {date}; реестр на событии № {seq}.",
  "claims.asOfTime": "Дата текста {date} (сегодня); цифры на {time}, реестр на событии № {seq}.",
  "claims.verdict.supported": "Подтверждено",
  "claims.verdict.contradicted": "Опровергнуто",
  "claims.verdict.not-checkable": "Не проверяется",
  "claims.ledger": "Реестр",
  "claims.discrepancies": {
    one: "{count} открытое расхождение объясняет это",
    few: "{count} открытых расхождения объясняют это",
    many: "{count} открытых расхождений объясняют это",
    other: "{count} открытого расхождения объясняют это",
  },
  "claims.query": "Запрос: {label}",
  "claims.record": "Сохранить утверждение",
  "claims.recorded": "Сохранено",
  "claims.source": "Проверенный текст: «{quote}»",
};
