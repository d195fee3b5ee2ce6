// Русские сообщения постраничного списка транспортных единиц (входят в ru.ts).
import type { Message } from "./message.ts";
import type { enUnitBoard } from "./en-unit-board.ts";

export const ruUnitBoard: Record<keyof typeof enUnitBoard, Message> = {
  "units.loadingRow": "Загрузка…",
  "units.loadingMore": "Загружаем ещё единицы…",
};
