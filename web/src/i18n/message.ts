// What a message is: plain text, or plural forms chosen by Intl.PluralRules. Its own module, so
// the per-feature dictionaries (en-*.ts, ru-*.ts) can use it without importing en.ts back.
export interface Plural {
  one: string;
  few?: string;
  many?: string;
  other: string;
}
export type Message = string | Plural;
