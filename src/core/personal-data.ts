// No personal data of recipients is stored. Unknown fields are already refused by the
// API schema; free text is the remaining way in, so a distribution's note is scanned for
// what looks like an e-mail address, a phone number or a passport / ID number.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** A phone number: 7+ digits, optionally with +, spaces, dashes, dots or brackets between them. */
const PHONE = /(?:\+|\b00)?\d(?:[\s().-]*\d){6,}/;
/** An ID or passport number: letters and digits mixed, e.g. AB1234567, or "passport"/"ID" followed by a number. */
const ID_NUMBER =
  /\b(?=[A-Z]{0,3}\d)[A-Z]{1,3}\s?\d{6,9}\b|\b(?:passport|id|паспорт|ssn|national id)\s*(?:no\.?|number|№|#)?\s*[:#]?\s*[A-Z0-9]{5,}/i;

export type PersonalDataKind = "e-mail address" | "phone number" | "ID or passport number";

/** What in `text` looks like personal data, if anything. */
export function findPersonalData(note: string): PersonalDataKind | undefined {
  // Dates and times are not phone numbers.
  const text = note.replace(
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g,
    " ",
  );
  if (EMAIL.test(text)) return "e-mail address";
  if (ID_NUMBER.test(text)) return "ID or passport number";
  if (PHONE.test(text)) return "phone number";
  return undefined;
}
