// English messages of the claims checker on the Reports page (spread into en.ts).
import type { Message } from "./message.ts";

export const enClaims = {
  "claims.title": "Check a text's claims",
  "claims.intro":
    "Paste a draft press release, a partner's situation report or a news item, in English or Russian. Every figure it states about the operation's rail cars, trucks and goods is checked against the ledger.",
  "claims.text": "Text to check",
  "claims.placeholder": "So far, nine out of 54 train cars have arrived…",
  "claims.date": "Text dated (optional)",
  "claims.dateHelp":
    "What “so far” and “yesterday” are taken from. By default: a date on the first line, else the latest day with events.",
  "claims.check": "Check claims",
  "claims.checking": "Checking…",
  "claims.result": "Claims found in the text",
  "claims.none": "No claims about the operation's units or goods were found.",
  "claims.summary": "{supported} supported, {contradicted} contradicted, {notCheckable} not checkable.",
  "claims.asOf": "Text dated {date}; ledger at event {seq}.",
  "claims.asOfTime": "Text dated {date} (today); figures as of {time}, ledger at event {seq}.",
  "claims.verdict.supported": "Supported",
  "claims.verdict.contradicted": "Contradicted",
  "claims.verdict.not-checkable": "Not checkable",
  "claims.ledger": "Ledger",
  "claims.discrepancies": {
    one: "{count} open discrepancy explains it",
    other: "{count} open discrepancies explain it",
  },
  "claims.query": "Query: {label}",
  "claims.record": "Record this claim",
  "claims.recorded": "Recorded",
  "claims.source": "Checked text: “{quote}”",
} satisfies Record<string, Message>;
