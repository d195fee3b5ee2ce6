// The names of the roles, said the same in the operations room and the field app.
export const enRoles = {
  "role.admin": "Administrator",
  "role.logistician": "Logistician",
  "role.field-officer": "Field officer",
  "role.distribution-officer": "Distribution officer",
  "role.press-officer": "Press officer",
  "role.viewer": "Viewer",
};

export const ruRoles: typeof enRoles = {
  "role.admin": "Администратор",
  "role.logistician": "Логист",
  "role.field-officer": "Полевой сотрудник",
  "role.distribution-officer": "Сотрудник по распределению",
  "role.press-officer": "Пресс-служба",
  "role.viewer": "Наблюдатель",
};
