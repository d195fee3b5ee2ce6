// Русские сообщения страницы журнала входов (входят в ru.ts).
import type { Message } from "./message.ts";
import type { enAudit } from "./en-audit.ts";

export const ruAudit: Record<keyof typeof enAudit, Message> = {
  "audit.menu": "Журнал входов",
  "audit.title": "Журнал входов",
  "audit.intro":
    "Входы, неудачные попытки, смены паролей и API-токены, сначала новые. Только учётные записи сотрудников.",
  "audit.email": "Учётная запись (email)",
  "audit.show": "Показать",
  "audit.none": "Записей нет.",
  "audit.at": "Когда",
  "audit.what": "Что",
  "audit.account": "Учётная запись",
  "audit.address": "Адрес",
  "audit.older": "Раньше",
  "audit.newer": "Позже",
  "audit.kind.signed-in": "Вход",
  "audit.kind.sign-in-failed": "Неудачный вход",
  "audit.kind.sign-in-refused-locked": "Вход отклонён: блокировка",
  "audit.kind.signed-out": "Выход",
  "audit.kind.password-changed": "Пароль изменён",
  "audit.kind.password-change-failed": "Неудачная смена пароля",
  "audit.kind.password-reset": "Пароль сброшен",
  "audit.kind.token-created": "Создан API-токен",
  "audit.kind.token-revoked": "API-токен отозван",
};
