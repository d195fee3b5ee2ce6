// Русские сообщения меню учётной записи и смены пароля (входят в ru.ts).
import type { Message } from "./message.ts";
import type { enAccount } from "./en-account.ts";

export const ruAccount: Record<keyof typeof enAccount, Message> = {
  "account.menu": "Меню учётной записи",
  "account.oneTime": "Вы вошли с одноразовым паролем",
  "account.changePassword": "Сменить пароль",
  "password.title": "Смена пароля",
  "password.intro": "После смены пароля все сеансы, включая этот, завершаются; затем войдите с новым паролем.",
  "password.mustChange": "Вы вошли с одноразовым паролем. Задайте свой.",
  "password.current": "Текущий пароль",
  "password.new": "Новый пароль",
  "password.repeat": "Новый пароль ещё раз",
  "password.hint": "Не меньше {min} символов. Несколько несвязанных слов легко запомнить и трудно угадать.",
  "password.submit": "Сменить пароль",
  "password.currentWrong": "Текущий пароль неверен.",
  "password.tooShort": "Новый пароль должен содержать не меньше {min} символов.",
  "password.mismatch": "Новые пароли не совпадают.",
  "password.changed": "Пароль изменён. Все сеансы завершены.",
  "password.signInAgain": "Чтобы продолжить, войдите снова с новым паролем.",
  "password.signInButton": "Войти снова",
};
